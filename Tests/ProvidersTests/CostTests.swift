import Foundation
import Synchronization
import Testing
@testable import Providers

@Suite("Cost: prices, a job's cap, the daily budget")
struct CostTests {
    @Test("a price turns usage into dollars; a price file overrides the list prices, naming only its units")
    func pricesAndTables() throws {
        let chat = Price(perMillionInputTokens: 0.15, perMillionOutputTokens: 0.60)
        #expect(abs(chat.usd(Usage(inputTokens: 1_000_000, outputTokens: 500_000)) - 0.45) < 1e-12)
        #expect(abs(Price(perMinute: 0.006).usd(Usage(audioSeconds: 90)) - 0.009) < 1e-12)
        #expect(PriceTable().price(of: "llama3.1:8b") == .free, "a local model costs nothing")
        let file = FileManager.default.temporaryDirectory.appending(path: "prices-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"tts-1": {"perMillionCharacters": 20}, "my-model": {"perImage": 0.5}}"#.utf8).write(to: file)
        let table = try PriceTable.load(file)
        #expect(table.price(of: "tts-1") == Price(perMillionCharacters: 20))
        #expect(table.price(of: "my-model").perImage == 0.5 && table.price(of: "gpt-4o-mini") == PriceTable.listPrices["gpt-4o-mini"])
    }

    @Test("a request whose estimate would pass the job's cap is refused before it is sent")
    func capRefusesBeforeSpending() throws {
        let spending = JobSpending(jobID: "j", capUsd: 0.01, capSetting: "maxCostUsd", budget: nil, spent: ["plan": 0.004])
        spending.begin(step: "voice")
        try spending.authorize(0.005, service: "OpenAI speech")
        spending.charge(0.005)
        #expect(spending.byStep == ["plan": 0.004, "voice": 0.005])
        do {
            try spending.authorize(0.002, service: "OpenAI speech")
            Issue.record("the cap let a request through")
        } catch let error as CostCapExceeded {
            #expect(error.description == "cost: the next OpenAI speech request (about $0.0020) would pass the job's cap of $0.0100 (maxCostUsd); $0.0090 spent")
        }
    }

    final class Clock: Sendable {
        let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { date.withLock { $0 } }
    }

    @Test("the budget admits jobs while today's spending and reservations fit; a new day or a new limit lets more in")
    func dailyBudget() {
        let clock = Clock()
        let budget = DailyBudget(limitUsd: 0.01, spentToday: 0.002, now: { clock.now() })
        #expect(budget.admit("a", estimatedUsd: 0.005) == nil)
        #expect(budget.admit("offline", estimatedUsd: 0) == nil, "a job with no paid call is never held")
        let reason = budget.admit("b", estimatedUsd: 0.005)
        #expect(reason == "the daily budget: $0.0070 of $0.0100 (DAILY_BUDGET_USD) spent or committed today; this job needs about $0.0050")
        // Charges replace the reservation; ending releases what was not spent.
        budget.charge(0.001, job: "a")
        budget.release("a")
        #expect(abs(budget.spentTodayUsd - 0.003) < 1e-12)
        #expect(budget.admit("b", estimatedUsd: 0.005) == nil)

        let generation = budget.generation
        #expect(budget.admit("c", estimatedUsd: 0.005) != nil)
        budget.setLimit(1)
        #expect(budget.generation == generation + 1 && budget.admit("c", estimatedUsd: 0.005) == nil)
        clock.date.withLock { $0 = $0.addingTimeInterval(86_400) }
        #expect(budget.generation == generation + 2 && budget.spentTodayUsd == 0)
    }
}
