import Foundation
import SpoolHarness
import JobIndex
import Testing

extension FaultTests {
    /// Acceptance 6: cancel while ffmpeg encodes.
    @Suite("cancel during an encode", .serialized)
    struct Cancel {
        @Test("cancel during a full-size encode: no ffmpeg of the job within 2 s, the job in failed/ as canceled",
              .enabled(if: FaultEnvironment.hasFFmpeg, "needs ffmpeg and ffprobe"),
              .timeLimit(.minutes(3)))
        func cancelDuringEncode() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            let daemon = try harness.startDaemon(["--settle", "1"])
            defer { FaultHarness.stop(daemon) }
            let id = "cancel-me"
            try harness.dropByRename("\(id).json", fullSizeProject("cancel me", scenes: 3))

            // The job's own ffmpeg processes: any whose arguments name its folder.
            let jobFragment = "/\(id)/"
            func encoders() -> [ProcessInfoEntry] {
                ProcessTable.ffmpeg(mentioning: harness.spool.path).filter { $0.arguments.contains { $0.contains(jobFragment) } }
            }
            let encoding = await FaultHarness.waitUntil(timeout: 90, every: .milliseconds(100)) {
                harness.status("running", id)?["step"] as? String == "render"
                    && encoders().contains { $0.arguments.contains { $0.hasSuffix("video.tmp.mp4") } }
            }
            try #require(encoding, "the render's ffmpeg never started; daemon log:\n\(harness.daemonLog())")
            // Well into the encode: ffmpeg has written output, not just started.
            let writing = await FaultHarness.waitUntil(timeout: 30, every: .milliseconds(50)) {
                let partial = harness.folder("running", id).appending(path: "video.tmp.mp4")
                return ((try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)?.intValue ?? 0) > 0
            }
            try #require(writing, "the encode never wrote output; daemon log:\n\(harness.daemonLog())")

            let asked = Date()
            let result = try harness.cli(["cancel", id], timeout: 10)
            #expect(result.status == 0, "cancel exited \(result.status): \(result.stdout)\(result.stderr)")
            let stopped = await FaultHarness.waitUntil(timeout: 2, every: .milliseconds(50)) { encoders().isEmpty }
            let stopSeconds = Date().timeIntervalSince(asked)
            print("cancel: ffmpeg gone \(String(format: "%.2f", stopSeconds)) s after `tiktok-ai cancel` was run")
            #expect(stopped, "ffmpeg still running 2 s after cancel: \(encoders().map(\.commandLine))")

            let moved = await FaultHarness.waitUntil(timeout: 15) { harness.isFinished(id) }
            #expect(moved, "the canceled job did not reach failed/; it is in \(harness.entries("running")); daemon log:\n\(harness.daemonLog())")
            let status = harness.status("failed", id)
            #expect(status?["state"] as? String == "canceled", "state: \(String(describing: status?["state"]))")
            let folder = harness.folder("failed", id)
            for leftover in ["video.tmp.mp4", "video.mp4"] {
                #expect(!FileManager.default.fileExists(atPath: folder.appending(path: leftover).path), "\(leftover) left in failed/\(id)")
            }
            #expect(FileManager.default.fileExists(atPath: folder.appending(path: "project.json").path), "the input is kept")
            #expect(daemon.isRunning)

            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            var indexed: IndexedJob?
            _ = await FaultHarness.waitUntil(timeout: 5) {
                indexed = try? index.job(id: id)
                return indexed?.state == .canceled
            }
            #expect(indexed?.state == .canceled && indexed?.folder == "failed", "index: \(String(describing: indexed?.state)) in \(String(describing: indexed?.folder))")
            try index.close()
        }
    }
}
