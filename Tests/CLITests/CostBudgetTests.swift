import FakeProviderServer
import Foundation
import Testing

/// Cost end to end: a job's cap stops it before it spends more, and the daily budget holds paid jobs
/// in `queued/` until a reloaded configuration (SIGHUP) allows them.
@Suite("cost: caps and the daily budget", .serialized)
struct CostBudgetTests {
    static func project(_ narration: String, extra: String = "") -> String {
        #"{"topic": "Budget", "providers": {"plan": "template", "voice": "openai", "align": "proportional", "images": "painter"}, "scenes": [{"narration": "\#(narration)", "visual": "a coin"}]\#(extra)}"#
    }

    @Test("a job whose next request would pass its maxCostUsd fails before sending it, and says why")
    func capStopsTheJob() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "cost-cap-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let (out, result) = try ChatPlanRenderTests.render(Self.project("A coin has two faces and an edge.", extra: #", "maxCostUsd": 0.0001"#),
                                                           in: work, environment: environment)
        #expect(result.status != 0)
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        let error = try #require(status["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.hasPrefix("cost: the next OpenAI speech request (about $0.0005) would pass the job's cap of $0.0001 (maxCostUsd)"), "\(message)")
        #expect(error["step"] as? String == "voice" && error["retryable"] as? Bool == false)
        let cost = try #require(status["cost"] as? [String: Any])
        #expect((cost["estimatedUsd"] as? Double ?? 0) > 0.0004 && cost["actualUsd"] as? Double == 0)
        #expect(try await server.counts()["POST /v1/audio/speech"] == nil, "nothing was sent")
    }

    @Test("over the daily budget, paid jobs wait in queued/ with the reason; a raised budget reloaded by SIGHUP lets them run")
    func budgetHoldsPaidJobsUntilRaised() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let config = harness.spool.deletingLastPathComponent().appending(path: "budget-\(UUID().uuidString.prefix(8)).json")
        defer { try? FileManager.default.removeItem(at: config) }
        // Each job speaks about 60 characters of tts-1 ($15 a million): about $0.0009. The budget fits one.
        try Data(#"{"dailyBudgetUsd": 0.0012}"#.utf8).write(to: config)
        let environment = ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let daemon = try harness.startDaemon(["--settle", "0.2", "--jobs", "1", "--config", config.path], environment: environment)
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        for n in 1...3 {
            try harness.dropByRename("paid-\(n).json", Data(Self.project("Job \(n) says that a coin has two faces and one thin edge.").utf8))
        }
        let ids = (1...3).map { "paid-\($0)" }
        func queuedStatus(_ id: String) -> [String: Any]? { CLIHarness.readJSON(harness.folder("queued", id).appending(path: "status.json")) }
        let settled = await CLIHarness.waitUntil(timeout: 60) {
            ids.filter(harness.isFinished).count == 1 && ids.filter { queuedStatus($0)?["waiting"] != nil }.count == 2
        }
        #expect(settled, "\(harness.daemonLog())")
        let waiting = try #require(ids.compactMap(queuedStatus).first?["waiting"] as? String)
        #expect(waiting.hasPrefix("the daily budget: $0.00") && waiting.contains("DAILY_BUDGET_USD"), "\(waiting)")
        // They stay held: no second job starts while the budget is what it was.
        try await Task.sleep(for: .seconds(2))
        #expect(ids.filter(harness.isFinished).count == 1)
        #expect(queuedStatus(ids.first { !harness.isFinished($0) }!)?["attempt"] as? Int == 1, "waiting is not an attempt")

        try Data(#"{"dailyBudgetUsd": 1}"#.utf8).write(to: config)
        kill(daemon.processIdentifier, SIGHUP)
        let allDone = await CLIHarness.waitUntil(timeout: 90) { ids.allSatisfy { FileManager.default.fileExists(atPath: harness.folder("done", $0).path) } }
        #expect(allDone, "\(harness.daemonLog())")
        for id in ids {
            let status = try #require(CLIHarness.readJSON(harness.folder("done", id).appending(path: "status.json")))
            #expect(status["waiting"] == nil)
            let cost = try #require(status["cost"] as? [String: Any])
            #expect((cost["actualUsd"] as? Double ?? 0) > 0.0005 && (cost["steps"] as? [String: Double])?["voice"] != nil, "\(cost)")
        }
        #expect(harness.daemonLog().contains("SIGHUP: settings reloaded; daily budget $1.0000"))
    }
}
