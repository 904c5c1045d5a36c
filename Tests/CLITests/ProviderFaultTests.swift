import FakeProviderServer
import Foundation
import Testing

/// A daemon against a misbehaving provider: rate limits are waited out as the server asks, a stall
/// fails its attempt at the time limit, a job whose attempts run out fails saying who, what and
/// where while the daemon goes on, and a cancel stops a stalled call at once.
@Suite("the daemon against provider faults", .serialized)
struct ProviderFaultTests {
    static let project = #"{"topic": "Faults", "providers": {"voice": "openai", "align": "proportional"}, "scenes": [{"narration": "One short scene to speak.", "visual": "a storm"}]}"#
    static let offline = #"{"topic": "Offline", "providers": {"voice": "espeak"}, "scenes": [{"narration": "Spoken here, offline.", "visual": "a lamp"}]}"#

    static func environment(_ server: FakeProviderServer, _ extra: [String: String] = [:]) -> [String: String] {
        ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString, "CACHE_DIR": ""]
            .merging(extra) { $1 }
    }

    static func status(_ harness: CLIHarness, _ state: String, _ id: String) -> [String: Any]? {
        CLIHarness.readJSON(harness.folder(state, id).appending(path: "status.json"))
    }

    @Test("429 with Retry-After: 2 is retried after 2 s; after the last attempt the job fails naming provider, status and step, and the next job runs")
    func retriesThenFailsAndGoesOn() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try await server.inject("/v1/audio/speech", [["status": 429, "retryAfter": "2"]])
        let daemon = try harness.startDaemon(["--settle", "0.2", "--jobs", "1"],
                                             environment: Self.environment(server, ["PROVIDER_MAX_ATTEMPTS": "2"]))
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }

        try harness.dropByRename("limited.json", Data(Self.project.utf8))
        #expect(await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("limited") }, "\(harness.daemonLog())")
        #expect(Self.status(harness, "done", "limited")?["state"] as? String == "done")
        let times = try await server.requests().filter { $0["path"] as? String == "/v1/audio/speech" }.compactMap { $0["at"] as? Double }
        #expect(times.count == 2)
        if times.count == 2 { #expect(times[1] - times[0] >= 2.0, "retried after \(times[1] - times[0]) s") }

        // Both attempts answered 503: the job fails, and the offline job after it is done.
        try await server.inject("/v1/audio/speech", [["status": 503], ["status": 503]])
        try harness.dropByRename("broken.json", Data(Self.project.replacingOccurrences(of: "One short", with: "Another short").utf8))
        #expect(await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("broken") }, "\(harness.daemonLog())")
        try harness.dropByRename("after.json", Data(Self.offline.utf8))
        #expect(await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("after") }, "\(harness.daemonLog())")
        let error = try #require(Self.status(harness, "failed", "broken")?["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.contains("OpenAI speech") && message.contains("503") && error["step"] as? String == "voice", "\(message)")
        #expect(error["retryable"] as? Bool == true)
        #expect(Self.status(harness, "done", "after")?["state"] as? String == "done")
        try ChatPlanRenderTests.expectNoKey(ChatPlanRenderTests.key, under: harness.spool)
    }

    @Test("a stalled answer fails its attempt at PROVIDER_TIMEOUT_SECONDS")
    func stallFailsAtTheTimeout() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try await server.inject("/v1/audio/speech", [["stall": 20]])
        let daemon = try harness.startDaemon(["--settle", "0.2"], environment: Self.environment(server, [
            "PROVIDER_TIMEOUT_SECONDS": "2", "PROVIDER_MAX_ATTEMPTS": "1"]))
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        let dropped = Date()
        try harness.dropByRename("stalled.json", Data(Self.project.utf8))
        #expect(await CLIHarness.waitUntil(timeout: 30) { harness.isFinished("stalled") }, "\(harness.daemonLog())")
        #expect(Date().timeIntervalSince(dropped) < 12, "the stall was given up at the time limit")
        let error = try #require(Self.status(harness, "failed", "stalled")?["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.contains("OpenAI speech") && error["step"] as? String == "voice", "\(message)")
        #expect(error["retryable"] as? Bool == true)
    }

    @Test("cancelling a job during a stalled provider call moves it to failed/ as canceled within 2 s")
    func cancelDuringAStall() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try await server.inject("/v1/audio/speech", [["stall": 60]])
        let daemon = try harness.startDaemon(["--settle", "0.2"], environment: Self.environment(server))
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        try harness.dropByRename("stuck.json", Data(Self.project.utf8))
        let stalled = await CLIHarness.waitUntil(timeout: 30) {
            Self.status(harness, "running", "stuck")?["step"] as? String == "voice"
        }
        #expect(stalled, "\(harness.daemonLog())")
        // The speech request is in flight.
        var asked = false
        for _ in 0..<50 where !asked {
            asked = try await server.counts()["POST /v1/audio/speech"] == 1
            if !asked { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(asked)
        let cancelled = Date()
        let result = try harness.run(["cancel", "stuck", "--spool", harness.spool.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(await CLIHarness.waitUntil(timeout: 10) { Self.status(harness, "failed", "stuck")?["state"] as? String == "canceled" })
        #expect(Date().timeIntervalSince(cancelled) <= 2.0, "canceled after \(Date().timeIntervalSince(cancelled)) s")
    }
}
