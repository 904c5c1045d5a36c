import Foundation
import SpoolHarness
import JobIndex
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultTests {
    /// Acceptance 2: files pushed the way producers push them, through a real sshd on loopback.
    @Suite("rsync and scp uploads", .serialized)
    struct Uploads {
        @Test("rsync, scp (SFTP) and scp -O (in place) each render exactly once; an scp killed mid-file fails as invalid JSON, never renders",
              .enabled(if: FaultEnvironment.hasSSHTools, "needs sshd, ssh, scp, rsync and ssh-keygen (make deps installs them)"),
              .enabled(if: FaultEnvironment.hasFFmpeg, "needs ffmpeg and ffprobe"),
              .timeLimit(.minutes(3)))
        func uploads() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            let server = try await PrivateSSHServer.start(in: harness.root.appending(path: "ssh"))
            defer { server.stop() }
            let daemon = try harness.startDaemon()
            defer { FaultHarness.stop(daemon) }

            let source = harness.root.appending(path: "outgoing", directoryHint: .isDirectory)
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            let remoteInbox = "\(server.destinationHost):\(harness.inbox.path)/"
            let scpBase = ["-q", "-P", String(server.port)] + server.sshOptions

            // rsync lands `.via-rsync.json.XXXXXX`, then renames it; scp writes the final name in place.
            let uploads: [(id: String, program: String, arguments: [String])] = [
                ("via-rsync", "/usr/bin/rsync", ["-e", server.rsyncShell, source.appending(path: "via-rsync.json").path, remoteInbox]),
                ("via-scp", "/usr/bin/scp", scpBase + [source.appending(path: "via-scp.json").path, remoteInbox]),
                ("via-scp-legacy", "/usr/bin/scp", ["-O"] + scpBase + [source.appending(path: "via-scp-legacy.json").path, remoteInbox]),
            ]
            for upload in uploads {
                try quickProject(upload.id.replacingOccurrences(of: "-", with: " "), padTo: 6000).write(to: source.appending(path: "\(upload.id).json"))
                let result = try Command.run(upload.program, upload.arguments, timeout: 60)
                #expect(result.status == 0, "\(upload.id): \(upload.program) exited \(result.status): \(result.stderr)")
            }

            // A writer killed mid-file: legacy scp, throttled to 320 kbit/s, killed a quarter of the way in.
            let full = quickProject("killed writer", padTo: 400_000)
            let killedSource = source.appending(path: "killed.json")
            try full.write(to: killedSource)
            let target = harness.inbox.appending(path: "killed.json")
            let writer = Process()
            writer.executableURL = URL(filePath: "/usr/bin/scp")
            writer.arguments = ["-O", "-l", "320"] + scpBase + [killedSource.path, remoteInbox]
            writer.standardInput = FileHandle.nullDevice
            writer.standardOutput = FileHandle.nullDevice
            writer.standardError = FileHandle.nullDevice
            try writer.run()
            var sizeAtKill: Int64 = -1
            let reachedQuarter = await FaultHarness.waitUntil(timeout: 30, every: .milliseconds(50)) {
                let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.int64Value ?? 0
                sizeAtKill = size
                return size >= Int64(full.count / 4) || !writer.isRunning
            }
            // Like a dropped connection: the ssh transport dies first, then scp.
            for child in ProcessTable.children(of: writer.processIdentifier) { kill(child.pid, SIGKILL) }
            kill(writer.processIdentifier, SIGKILL)
            writer.waitUntilExit()
            #expect(reachedQuarter && sizeAtKill > 0 && sizeAtKill < Int64(full.count),
                    "the writer was to be killed mid-file; the inbox file had \(sizeAtKill) of \(full.count) bytes")
            print("uploads: scp killed with \(sizeAtKill) of \(full.count) bytes written")

            let ids = uploads.map(\.id)
            let settled = await FaultHarness.waitUntil(timeout: 90) {
                (ids + ["killed"]).allSatisfy { harness.isFinished($0) }
            }
            #expect(settled, "uploads did not all finish; daemon log:\n\(harness.daemonLog())")

            // Exactly once each: one folder per upload in done/, the killed one alone in failed/.
            #expect(harness.entries("done") == ids.sorted(), "done/ holds \(harness.entries("done"))")
            #expect(harness.entries("failed") == ["killed"], "failed/ holds \(harness.entries("failed"))")
            for state in ["queued", "running"] { #expect(harness.entries(state).isEmpty, "\(state)/ holds \(harness.entries(state))") }
            #expect(harness.entries("inbox").isEmpty, "inbox/ holds \(harness.entries("inbox"))")
            for id in ids {
                let codecs = FaultHarness.codecs(harness.folder("done", id).appending(path: "video.mp4"))
                #expect(codecs.contains("h264") && codecs.contains("aac"), "\(id): video.mp4 streams \(codecs)")
                let kept = try? Data(contentsOf: harness.folder("done", id).appending(path: "project.json"))
                #expect(kept == (try? Data(contentsOf: source.appending(path: "\(id).json"))), "\(id): the claimed project is the whole file")
            }

            // The truncated file is kept as it was left and named as the problem; nothing was rendered from it.
            let killed = harness.status("failed", "killed")
            let message = FaultHarness.errorMessage(killed) ?? ""
            #expect(killed?["state"] as? String == "failed")
            #expect(message.contains("invalid JSON"), "error.message: \(message)")
            print("uploads: killed.json failed: \(message.prefix(200))")
            let kept = (try? Data(contentsOf: harness.folder("failed", "killed").appending(path: "project.json"))) ?? Data()
            #expect(kept.count < full.count && full.starts(with: kept), "failed/killed/project.json is \(kept.count) bytes, not a truncated copy")
            #expect(!FileManager.default.fileExists(atPath: harness.folder("failed", "killed").appending(path: "video.mp4").path))

            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            #expect(try index.allJobIDs() == Set(ids + ["killed"]))
            #expect(try index.job(id: "killed")?.state == .failed)
            try index.close()
            #expect(daemon.isRunning)
        }
    }
}
