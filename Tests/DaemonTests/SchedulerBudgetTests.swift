import Foundation
import JobQueue
import Testing
@testable import Daemon

@Suite("Scheduler: jobs waiting for the daily budget")
struct SchedulerBudgetTests {
    typealias Machine = Scheduler<ContinuousClock.Instant>

    static func job(_ id: String, _ age: Double) -> WaitingJob {
        WaitingJob(id: id, priority: 0, createdAt: Date(timeIntervalSince1970: 1_800_000_000 + age))
    }

    static func started(_ actions: [Machine.Action]) -> [String] {
        actions.compactMap { if case .start(let job) = $0 { job.id } else { nil } }
    }

    @Test("a job sent back for the budget is not started again until the budget changes; others go on")
    func heldUntilTheBudgetChanges() {
        var machine = Machine(slots: 1, minimumFreeMB: 0)
        let now = ContinuousClock.now
        var budget = Machine.Conditions(paused: false, freeMB: nil, budgetGeneration: 7)
        _ = machine.handle(.startupFinished, conditions: budget, now: now)
        #expect(Self.started(machine.handle(.listed([Self.job("paid", 0), Self.job("offline", 1)]), conditions: budget, now: now)) == ["paid"])

        // `paid` went back to wait: `offline` starts, and `paid` stays out even when the queue is listed again.
        #expect(Self.started(machine.handle(.waitsForBudget(Self.job("paid", 0)), conditions: budget, now: now)) == ["offline"])
        #expect(machine.deadline != nil, "a held job is looked at again")
        _ = machine.handle(.listed([Self.job("paid", 0)]), conditions: budget, now: now)
        #expect(Self.started(machine.handle(.ended(id: "offline", state: .done), conditions: budget, now: now)).isEmpty)
        #expect(Self.started(machine.handle(.tick, conditions: budget, now: now)).isEmpty)
        #expect(machine.budgetHeld.map(\.id) == ["paid"])

        // A new day or a reloaded budget: it starts.
        budget.budgetGeneration = 8
        #expect(Self.started(machine.handle(.tick, conditions: budget, now: now)) == ["paid"])
        #expect(machine.budgetHeld.isEmpty)
    }

    @Test("run --once finishes with the held jobs listed as waiting, and why")
    func onceReportsTheHeldJobs() {
        var machine = Machine(slots: 2, minimumFreeMB: 0, once: true)
        let now = ContinuousClock.now
        let budget = Machine.Conditions(paused: false, freeMB: nil)
        _ = machine.handle(.startupFinished, conditions: budget, now: now)
        _ = machine.handle(.listed([Self.job("a", 0)]), conditions: budget, now: now)
        _ = machine.handle(.inbox(idle: true), conditions: budget, now: now)
        let actions = machine.handle(.waitsForBudget(Self.job("a", 0)), conditions: budget, now: now)
        guard case .finish(let summary)? = actions.last else { Issue.record("\(actions)"); return }
        #expect(summary.waiting == ["a"] && summary.waitingReason?.contains("DAILY_BUDGET_USD") == true)
    }
}
