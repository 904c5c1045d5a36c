import Foundation
import SpoolHarness
import Testing

/// `examples/recipes/alert-from-metrics.sh` against a real `serve --http`: quiet when all is well,
/// one line per threshold crossed (queue length, failure rate, disk) otherwise.
@Suite("recipe: alerting on the runbook's thresholds from /metrics", .serialized)
struct AlertRecipeTests {
    static let recipe = CLIHarness.packageRoot.appending(path: "examples/recipes/alert-from-metrics.sh").path

    static func alert(_ port: Int, _ thresholds: [String: String] = [:]) throws -> CommandResult {
        var environment = ["METRICS_URL": "http://127.0.0.1:\(port)/metrics"]
        environment.merge(thresholds) { _, new in new }
        return try Command.run("/bin/sh", [recipe], environment: environment, timeout: 60)
    }

    @Test("ok on a healthy spool; alerts for a long queue, a high failure rate and a full disk; 2 when /metrics is not there")
    func thresholds() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        // Every render fails at once (a drill), so failures are quick to make.
        let (daemon, port) = try await HTTPServeTests.startServer(harness, environment: [
            "APP_RENDER_DRY_RUN": "true", "APP_DRY_RUN_FAIL_STEP": "render",
        ])
        defer { daemon.terminate(); daemon.waitUntilExit() }

        let healthy = try Self.alert(port)
        #expect(healthy.status == 0 && healthy.stdout.hasPrefix("ok: queue 0"), "\(healthy)")

        try harness.dropByRename("doomed.json", quickProject("doomed"))
        #expect(await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("doomed") }, "\(harness.daemonLog())")
        let failing = try Self.alert(port)
        #expect(failing.status == 1 && failing.stdout.contains("100.0% of finished jobs failed (1 of 1)"), "\(failing)")

        // Paused, jobs wait in the queue.
        #expect(try harness.run(["pause", "--spool", harness.spool.path]).status == 0)
        for number in 1...3 { try harness.dropByRename("waiting-\(number).json", quickProject("waiting \(number)")) }
        #expect(await CLIHarness.waitUntil(timeout: 30) {
            (try? FileManager.default.contentsOfDirectory(atPath: harness.spool.appending(path: "queued").path).filter { !$0.hasPrefix(".") }.count) == 3
        })
        let queued = try Self.alert(port, ["QUEUE_MAX": "2", "FAILURE_MAX_PERCENT": "100"])
        #expect(queued.status == 1 && queued.stdout == "alert: render queue length 3 is over 2\n", "\(queued)")

        let full = try Self.alert(port, ["DISK_MAX_PERCENT": "0", "FAILURE_MAX_PERCENT": "100"])
        #expect(full.status == 1 && full.stdout.hasPrefix("alert: the spool disk is "), "\(full)")

        let nothing = try Command.run("/bin/sh", [Self.recipe], environment: ["METRICS_URL": "http://127.0.0.1:\(port)/api/nothing"], timeout: 60)
        #expect(nothing.status == 2 && nothing.stderr.contains("cannot read"), "\(nothing)")
    }
}
