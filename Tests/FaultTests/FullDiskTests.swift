import Foundation
import SpoolHarness
import JobIndex
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultTests {
    /// Acceptance 5: a spool on a 64 MB tmpfs that fills up mid-render.
    @Suite("full disk", .serialized)
    struct FullDisk {
        @Test("a render that cannot fit fails with a no-space message, the daemon keeps serving, the next file renders, the index is intact",
              .enabled(if: FaultEnvironment.canMountTmpfs, "needs permission to mount a tmpfs (root or CAP_SYS_ADMIN)"),
              .enabled(if: FaultEnvironment.hasFFmpeg, "needs ffmpeg and ffprobe"),
              .timeLimit(.minutes(3)))
        func fullDisk() async throws {
            let harness = try FaultHarness(createInbox: false)
            defer { harness.cleanUp() }
            let mounted = try Command.run("/bin/mount", ["-t", "tmpfs", "-o", "size=64m", "tmpfs", harness.spool.path], timeout: 10)
            try #require(mounted.status == 0, "mount: \(mounted.stderr)")
            defer {
                // Lazily if something still holds a file there: a test must never leave a mount behind.
                if (try? Command.run("/bin/umount", [harness.spool.path], timeout: 10))?.status != 0 {
                    _ = try? Command.run("/bin/umount", ["-l", harness.spool.path], timeout: 10)
                }
            }
            try harness.makeInbox()

            // MIN_FREE_DISK_MB=0: this test is about running out mid-render, not the pre-render check
            // (whose default of 500 MB would refuse every render on a 64 MB spool).
            let daemon = try harness.startDaemon(["--settle", "1"], environment: ["MIN_FREE_DISK_MB": "0"])
            defer { FaultHarness.stop(daemon) }
            _ = await FaultHarness.waitUntil(timeout: 10) { FileManager.default.fileExists(atPath: harness.indexFile.path) }

            // Ballast: a third of the disk at first, leaving room for the images step (three 5.5 MB PNGs, and
            // at its peak a 9 MB PPM and a PNG being encoded) but not for much more.
            let ballast = harness.spool.appending(path: "ballast.bin")
            let firstFill = try Self.fill(ballast, leavingFree: 40 << 20)
            try harness.dropByRename("big.json", fullSizeProject("disk filler", scenes: 3))

            // Once the encode starts, take what is left but a megabyte: the video (about 7 MB) cannot fit.
            let reachedRender = await FaultHarness.waitUntil(timeout: 90, every: .milliseconds(100)) {
                harness.status("running", "big")?["step"] as? String == "render" || harness.isFinished("big")
            }
            #expect(reachedRender, "big never reached the render step; daemon log:\n\(harness.daemonLog())")
            let topUp = harness.spool.appending(path: "ballast-2.bin")
            let secondFill = try Self.fill(topUp, leavingFree: 1 << 20)
            print("full disk: ballast \(firstFill >> 20) MB + \(secondFill >> 20) MB, \(FaultHarness.freeBytes(at: harness.spool) >> 10) KB left for the encode")

            let failed = await FaultHarness.waitUntil(timeout: 90) { harness.isFinished("big") }
            #expect(failed, "big neither failed nor finished; it is in \(harness.jobs(in: "running")); daemon log:\n\(harness.daemonLog())")
            let status = harness.status("failed", "big")
            let message = FaultHarness.errorMessage(status) ?? ""
            let failedStep = (status?["error"] as? [String: Any])?["step"] as? String
            #expect(failedStep == "render", "big failed at \(failedStep ?? "no step"), not mid-render")
            #expect(status?["state"] as? String == "failed", "big: \(String(describing: status?["state"])) (done/ holds \(harness.jobs(in: "done")))")
            #expect(message.localizedCaseInsensitiveContains("no space"), "error.message: \(message)")
            print("full disk: big failed at \(failedStep ?? "?"): \(message.prefix(200))")
            #expect(!FileManager.default.fileExists(atPath: harness.folder("failed", "big").appending(path: "video.tmp.mp4").path),
                    "the partial encode was left in the job folder")
            #expect(daemon.isRunning, "the daemon stopped when the disk filled; daemon log:\n\(harness.daemonLog())")

            // Space freed: the next file renders on the same daemon.
            try FileManager.default.removeItem(at: ballast)
            try FileManager.default.removeItem(at: topUp)
            try harness.dropByRename("after.json", quickProject("after the disk filled"))
            let rendered = await FaultHarness.waitUntil(timeout: 90) { harness.isFinished("after") }
            #expect(rendered, "daemon log:\n\(harness.daemonLog())")
            let codecs = FaultHarness.codecs(harness.folder("done", "after").appending(path: "video.mp4"))
            #expect(codecs.contains("h264") && codecs.contains("aac"), "after: video.mp4 streams \(codecs)")

            #expect(try harness.integrityCheck() == "ok")
            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            #expect(try index.job(id: "after")?.state == .done)
            // The index write for big's failure happened after the encode's temp file was removed, so it fits.
            let big = try index.job(id: "big")
            #expect(big?.state == .failed, "the index lost big's failure: \(String(describing: big?.state))")
            try index.close()
        }

        /// Writes zeros to `url` until only `leavingFree` bytes are free (or the disk is full); returns the bytes written.
        static func fill(_ url: URL, leavingFree reserve: Int64) throws -> Int64 {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            var written: Int64 = 0
            let megabyte = Data(count: 1 << 20), page = Data(count: 4096)
            while FaultHarness.freeBytes(at: url) - reserve >= Int64(megabyte.count) {
                do { try handle.write(contentsOf: megabyte) } catch { return written }
                written += Int64(megabyte.count)
            }
            while FaultHarness.freeBytes(at: url) - reserve >= Int64(page.count) {
                do { try handle.write(contentsOf: page) } catch { return written }
                written += Int64(page.count)
            }
            return written
        }
    }
}
