import Foundation
import SpoolHarness
import Testing

/// `cancel` and `retry`, against the built binary (SPEC rule 8).
@Suite("cancel and retry", .serialized)
struct CancelRetryTests {
    @Test("a queued job is canceled straight to failed/; cancel again is fine; retry queues it as attempt 2; exit codes")
    func cancelQueued() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let file = harness.spool.appending(path: "waiting.json")
        try quickProject("waiting").write(to: file)
        #expect(try harness.cli(["submit", file.path]).status == 0)

        let canceled = try harness.cli(["cancel", "waiting"])
        #expect(canceled.status == 0, "\(canceled.stderr)")
        #expect(canceled.stdout.contains("canceled waiting"))
        #expect(harness.stateFolder(of: "waiting") == "failed")
        let status = try #require(harness.status("waiting"))
        #expect(status["state"] as? String == "canceled")
        #expect((status["error"] as? [String: Any])?["message"] as? String == "canceled")
        #expect(!FileManager.default.fileExists(atPath: harness.folder("failed", "waiting").appending(path: "CANCEL").path))
        #expect(try harness.cli(["status", "waiting", "--wait"]).status == 3)

        let again = try harness.cli(["cancel", "waiting", "--json"])
        #expect(again.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "already-canceled")

        let retried = try harness.cli(["retry", "waiting"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(harness.stateFolder(of: "waiting") == "queued")
        let requeued = try #require(harness.status("waiting"))
        #expect(requeued["state"] as? String == "queued")
        #expect(requeued["attempt"] as? Int == 2)
        #expect(requeued["error"] == nil || requeued["error"] is NSNull)

        #expect(try harness.cli(["retry", "waiting"]).status == 6, "a queued job cannot be retried")
        #expect(try harness.cli(["cancel", "no-such-job"]).status == 4)
        #expect(try harness.cli(["retry", "no-such-job"]).status == 4)
    }

    @Test("cancel during an encode: the job lands in failed/ as canceled and no ffmpeg for it is left within 2 s")
    func cancelRunning() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "0.5"])
        defer { daemon.terminate(); daemon.waitUntilExit() }
        try harness.dropByRename("encoding.json", longProject("encoding"))

        // The render's ffmpeg writes video.tmp.mp4 in the job folder: wait for exactly that process.
        let jobFolder = harness.folder("running", "encoding").path
        let encoding = await CLIHarness.waitUntil(timeout: 120) {
            CLIHarness.processes(mentioning: jobFolder).contains { $0.contains("video.tmp.mp4") }
        }
        try #require(encoding, "the render never started; daemon log:\n\(harness.daemonLog())")

        let started = Date()
        let canceled = try harness.cli(["cancel", "encoding"])
        #expect(canceled.status == 0, "\(canceled.stdout)\(canceled.stderr)")
        let gone = await CLIHarness.waitUntil(timeout: 2) {
            CLIHarness.processes(mentioning: "/encoding/").isEmpty
        }
        #expect(gone, "ffmpeg still running \(Date().timeIntervalSince(started)) s after cancel: \(CLIHarness.processes(mentioning: "/encoding/"))")
        #expect(harness.stateFolder(of: "encoding") == "failed")
        let status = try #require(harness.status("encoding"))
        #expect(status["state"] as? String == "canceled")
        #expect((status["error"] as? [String: Any])?["step"] as? String == "render")
        #expect(!FileManager.default.fileExists(atPath: harness.folder("failed", "encoding").appending(path: "video.tmp.mp4").path),
                "the partial video is removed")
        #expect(daemon.isRunning)
    }

    @Test("retry --from render reruns render and finalize only; their old outputs are deleted first; an unknown step lists the valid ones")
    func retryFrom() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try harness.dropByRename("again.json", quickProject("again"))
        let failed = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun.merging(["APP_DRY_RUN_FAIL_STEP": "finalize"]) { $1 })
        #expect(failed.status == 2, "\(failed.stderr.suffix(1000))")
        #expect(harness.stateFolder(of: "again") == "failed")
        let video = harness.folder("failed", "again").appending(path: "video.mp4")
        #expect(FileManager.default.fileExists(atPath: video.path))

        let unknown = try harness.cli(["retry", "again", "--from", "encode"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("unknown step 'encode'; the steps are plan, voice, align, images, captions, music, render, finalize"))
        #expect(harness.stateFolder(of: "again") == "failed", "an unknown step changes nothing")

        let retried = try harness.cli(["retry", "again", "--from", "render"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("resuming at render"))
        #expect(!FileManager.default.fileExists(atPath: harness.folder("queued", "again").appending(path: "video.mp4").path), "the old video is deleted")
        let queued = try #require(harness.status("again"))
        let names = (queued["steps"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
        #expect(names == ["plan", "voice", "align", "images", "captions", "music"])

        let done = try harness.cli(["run", "--once"], environment: CLIHarness.dryRun)
        #expect(done.status == 0, "\(done.stderr.suffix(1000))")
        let final = try #require(harness.status("again"))
        #expect(final["state"] as? String == "done")
        #expect(final["attempt"] as? Int == 2)
        let cached = Dictionary(uniqueKeysWithValues: (final["steps"] as? [[String: Any]] ?? []).map { ($0["name"] as? String ?? "", $0["cached"] as? Bool ?? false) })
        #expect(cached == ["plan": true, "voice": true, "align": true, "images": true, "captions": true, "music": true, "render": false, "finalize": false])
        let attempts = final["attempts"] as? [[String: Any]]
        #expect(attempts?.count == 1 && attempts?.first?["step"] as? String == "finalize", "the failed attempt is in the history")
    }
}
