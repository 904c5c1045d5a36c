import Foundation
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Stopping, crashing and retrying by moving folders: jobs are never lost, never doubled, and resume
/// where they stopped (SPEC rules 7 and 8).
@Suite("drain, crash recovery and retries by folder", .serialized)
struct RecoveryTests {
    /// Each step waits half a second, so a job is reliably caught mid-pipeline.
    static let slowDryRun = CLIHarness.dryRun.merging(["APP_DRY_RUN_STEP_DELAY_MS": "400"]) { $1 }

    @Test("SIGTERM drains: the running job goes back to queued/ (not failed), the daemon exits 0 within seconds, a restart finishes it")
    func sigtermDrain() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "0.5"], environment: Self.slowDryRun)
        defer { if daemon.isRunning { daemon.terminate(); daemon.waitUntilExit() } }
        try harness.dropByRename("draining.json", quickProject("draining"))
        let reached = await CLIHarness.waitUntil(timeout: 30) {
            (harness.status("draining")?["steps"] as? [[String: Any]])?.contains { $0["name"] as? String == "align" && $0["state"] as? String == "done" } == true
        }
        try #require(reached, "daemon log:\n\(harness.daemonLog())")

        let signaled = Date()
        let exitStatus = await CLIHarness.stop(daemon, grace: 5)
        let took = Date().timeIntervalSince(signaled)
        #expect(exitStatus == 0, "daemon log:\n\(harness.daemonLog())")
        #expect(took < 4, "the drain took \(took) s")
        #expect(harness.entries("running").isEmpty)
        #expect(harness.stateFolder(of: "draining") == "queued")
        let queued = try #require(harness.status("draining"))
        #expect(queued["state"] as? String == "queued")
        #expect(queued["attempt"] as? Int == 2)
        #expect(queued["error"] == nil || queued["error"] is NSNull)

        let restart = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun)
        #expect(restart.status == 0, "\(restart.stderr.suffix(1500))")
        let done = try #require(harness.status("draining"))
        #expect(done["state"] as? String == "done")
        let steps = done["steps"] as? [[String: Any]] ?? []
        #expect(steps.first { $0["name"] as? String == "plan" }?["cached"] as? Bool == true, "finished steps are reused")
        #expect(steps.count == 8)
    }

    @Test("kill -9 mid-step: the restart puts the job back with attempt + 1, records the interrupted attempt, and finishes it")
    func killedDaemonResumes() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "0.5"], environment: Self.slowDryRun)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL); daemon.waitUntilExit() } }
        try harness.dropByRename("killed.json", quickProject("killed"))
        let running = await CLIHarness.waitUntil(timeout: 30) {
            harness.stateFolder(of: "killed") == "running" && ["voice", "align", "images"].contains(harness.status("killed")?["step"] as? String ?? "")
        }
        try #require(running, "daemon log:\n\(harness.daemonLog())")
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        #expect(harness.stateFolder(of: "killed") == "running")

        let restart = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun)
        #expect(restart.status == 0, "\(restart.stderr.suffix(1500))")
        let done = try #require(harness.status("killed"))
        #expect(done["state"] as? String == "done")
        #expect(done["attempt"] as? Int == 2)
        let attempts = try #require(done["attempts"] as? [[String: Any]])
        #expect(attempts.count == 1)
        #expect(attempts.first?["outcome"] as? String == "interrupted")
        #expect(attempts.first?["attempt"] as? Int == 1)
    }

    @Test("a job that crashed the daemon three times in the same step is not started a fourth time")
    func poisonPillStops() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        // A job left in running/ by a crash of the daemon (SIGSEGV recorded in spool/.crash), whose
        // two earlier attempts also crashed it during voice.
        try harness.dropByRename("poison.json", quickProject("poison"))
        let claimed = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun.merging(["APP_DRY_RUN_FAIL_STEP": "voice"]) { $1 })
        #expect(claimed.status == 2)
        let running = harness.spool.appending(path: "running/poison")
        try FileManager.default.moveItem(at: harness.folder("failed", "poison"), to: running)
        let earlier: [[String: Any]] = (1...2).map {
            ["attempt": $0, "outcome": "crashed", "step": "voice", "message": "the daemon crashed (SIGSEGV) during voice", "at": "2026-01-01T00:00:00.000Z"]
        }
        try harness.editStatus("poison") { status in
            status["state"] = "running"
            status["step"] = "voice"
            status["attempt"] = 3
            status["error"] = NSNull()
            status["attempts"] = earlier
            var steps = status["steps"] as? [[String: Any]] ?? []
            if let index = steps.firstIndex(where: { $0["name"] as? String == "voice" }) { steps[index]["state"] = "running" }
            status["steps"] = steps
        }
        var signal = SIGSEGV
        try Data(bytes: &signal, count: 4).write(to: harness.spool.appending(path: ".crash"))

        let restart = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun)
        #expect(harness.stateFolder(of: "poison") == "failed", "\(restart.stderr.suffix(1500))")
        let status = try #require(harness.status("poison"))
        #expect(status["state"] as? String == "failed")
        let message = (status["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("not retried automatically: the last 3 attempts ended the same way at voice"), "\(message)")
        #expect((status["attempts"] as? [[String: Any]])?.count == 3)
        // An explicit retry still runs it.
        #expect(try harness.cli(["retry", "poison"]).status == 0)
        #expect(try harness.cli(["run", "--once"], environment: CLIHarness.dryRun).status == 0)
        #expect(harness.status("poison")?["state"] as? String == "done")
    }

    @Test("a folder moved from failed/ back into inbox/ is retried with attempt + 1, reusing its finished steps; after three equal failures it is not")
    func folderMovedBackIntoInbox() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let failing = CLIHarness.dryRun.merging(["APP_DRY_RUN_FAIL_STEP": "render"]) { $1 }
        try harness.dropByRename("moved.json", quickProject("moved"))
        #expect(try harness.cli(["run", "--once", "--settle", "0.2"], environment: failing).status == 2)
        #expect(harness.stateFolder(of: "moved") == "failed")

        // Back into the inbox by hand, as `mv` does; this time the render works.
        try FileManager.default.moveItem(at: harness.folder("failed", "moved"), to: harness.inbox.appending(path: "moved"))
        let again = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun)
        #expect(again.status == 0, "\(again.stderr.suffix(1500))")
        let done = try #require(harness.status("moved"))
        #expect(done["state"] as? String == "done")
        #expect(done["attempt"] as? Int == 2)
        let steps = done["steps"] as? [[String: Any]] ?? []
        #expect(steps.filter { $0["cached"] as? Bool == true }.compactMap { $0["name"] as? String } == ["plan", "voice", "align", "images", "captions", "music"])
        #expect(harness.entries("inbox").isEmpty)

        // Three failures the same way, each moved back: the fourth move is refused with a message.
        try harness.dropByRename("stubborn.json", quickProject("stubborn"))
        #expect(try harness.cli(["run", "--once", "--settle", "0.2"], environment: failing).status == 2)
        for _ in 1...2 {
            try FileManager.default.moveItem(at: harness.folder("failed", "stubborn"), to: harness.inbox.appending(path: "stubborn"))
            #expect(try harness.cli(["run", "--once", "--settle", "0.2"], environment: failing).status == 2)
        }
        #expect((harness.status("stubborn")?["attempts"] as? [[String: Any]])?.count == 3)
        try FileManager.default.moveItem(at: harness.folder("failed", "stubborn"), to: harness.inbox.appending(path: "stubborn"))
        _ = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun)
        let refused = try #require(harness.status("stubborn"))
        #expect(harness.stateFolder(of: "stubborn") == "failed")
        #expect(refused["attempt"] as? Int == 3, "no fourth attempt ran")
        let message = (refused["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.hasPrefix("not retried automatically"), "\(message)")
    }

    @Test("folders removed from outside are marked purged by the periodic rescan, without an error")
    func externallyDeletedFolders() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        for name in ["keep", "gone"] { try harness.dropByRename("\(name).json", quickProject(name)) }
        #expect(try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun).status == 0)
        let daemon = try harness.startDaemon(["--rescan", "1"], environment: CLIHarness.dryRun)
        defer { daemon.terminate(); daemon.waitUntilExit() }
        try FileManager.default.removeItem(at: harness.folder("done", "gone"))
        let purged = await CLIHarness.waitUntil(timeout: 15) {
            (try? harness.cli(["status", "gone"]))?.stderr.contains("was purged") == true
        }
        #expect(purged, "daemon log:\n\(harness.daemonLog())")
        let counts = try harness.cli(["status", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(counts.stdout.utf8)) as? [String: Any])
        #expect(object["done"] as? Int == 1, "a purged job is not counted")
        #expect(!harness.daemonLog().contains("error"), "\(harness.daemonLog())")
        #expect(daemon.isRunning)
    }
}
