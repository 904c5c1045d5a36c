import Foundation
import SpoolHarness
import Synchronization
import Testing

/// The daemon as a user meets it: a real `tiktok-ai serve` on a temporary spool, files dropped the
/// ways producers drop them, videos checked with ffprobe.
@Suite("serve: the spool daemon end to end", .serialized)
struct DaemonIntegrationTests {
    @Test("a renamed file and a slow in-place write both render, neither claimed early; status.json always parses")
    func renameAndSlowWrite() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "2"])
        defer { daemon.terminate(); daemon.waitUntilExit() }

        // A reader polls every status.json 20 times a second for the whole run.
        let torn = ReaderTally()
        let poller = Task.detached {
            while !Task.isCancelled {
                for state in ["queued", "running", "done", "failed"] {
                    let folder = harness.spool.appending(path: state)
                    for id in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !id.hasPrefix(".") {
                        guard let data = try? Data(contentsOf: folder.appending(path: id).appending(path: "status.json")) else { continue }
                        torn.record(parsed: (try? JSONSerialization.jsonObject(with: data)) != nil)
                    }
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }

        try harness.dropByRename("renamed.json", quickProject("renamed drop"))

        // 200 bytes every 0.2 s, in place, into the final name (as scp does).
        let slow = quickProject("slow writer", padTo: 2400)
        let target = harness.inbox.appending(path: "slow.json")
        _ = FileManager.default.createFile(atPath: target.path, contents: nil)
        let handle = try FileHandle(forWritingTo: target)
        var offset = 0
        while offset < slow.count {
            let chunk = slow[offset..<min(offset + 200, slow.count)]
            try handle.write(contentsOf: chunk)
            offset += chunk.count
            try await Task.sleep(for: .milliseconds(200))
            if offset < slow.count {
                #expect(FileManager.default.fileExists(atPath: target.path), "slow.json was claimed after \(offset) of \(slow.count) bytes")
            }
        }
        try handle.close()

        let finished = await CLIHarness.waitUntil(timeout: 240) {
            ["renamed", "slow"].allSatisfy { harness.isFinished($0) }
        }
        poller.cancel()
        #expect(finished, "jobs did not finish; daemon log:\n\(harness.daemonLog())")
        for id in ["renamed", "slow"] {
            let streams = try CLIHarness.probe(harness.folder("done", id).appending(path: "video.mp4"))
            #expect(streams.contains { $0["codec_name"] as? String == "h264" })
            #expect(streams.contains { $0["codec_name"] as? String == "aac" })
            let status = CLIHarness.readJSON(harness.folder("done", id).appending(path: "status.json"))
            #expect(status?["state"] as? String == "done")
        }
        let slowProject = try Data(contentsOf: harness.folder("done", "slow").appending(path: "project.json"))
        #expect(slowProject == slow, "the claimed project is the whole file")
        #expect(torn.reads > 20)
        #expect(torn.failures == 0, "\(torn.failures) of \(torn.reads) status reads did not parse")

        // The CLI reads the index beside the running daemon.
        let wait = try harness.run(["status", "slow", "--wait", "--timeout", "5", "--spool", harness.spool.path])
        #expect(wait.status == 0, "\(wait.stdout)\(wait.stderr)")
        let list = try harness.run(["list", "--state", "done", "--spool", harness.spool.path])
        #expect(list.stdout.contains("renamed") && list.stdout.contains("slow"))
    }

    @Test("ten bad files each land in failed/ with the original and a message naming the problem; a good file still renders")
    func badInputs() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "1"])
        defer { daemon.terminate(); daemon.waitUntilExit() }

        let bad: [(name: String, data: Data, message: String)] = [
            ("invalid-json.json", Data("{\"topic\": \"x\",, }".utf8), "invalid JSON"),
            ("unknown-field.json", Data(#"{"topic": "x", "colour": "red"}"#.utf8), "colour: unknown field"),
            ("wrong-type.json", Data(#"{"topic": "x", "targetSeconds": "sixty"}"#.utf8), "targetSeconds: expected an integer"),
            ("huge.json", Data(repeating: 0x20, count: 5 * 1_048_576), "at most 1048576 bytes"),
            ("empty.json", Data(), "the file is empty"),
            ("binary.json", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) }), "not UTF-8"),
            ("long-topic.json", Data(("{\"topic\": \"" + String(repeating: "a", count: 10_000) + "\"}").utf8), "topic: is 10000 characters"),
            ("unknown-niche.json", Data(#"{"topic": "x", "niche": "cooking"}"#.utf8), "niche: unknown niche 'cooking'"),
            ("negative.json", Data(#"{"topic": "x", "targetSeconds": -30}"#.utf8), "targetSeconds: must be between 15 and 600"),
        ]
        for file in bad { try harness.dropByRename(file.name, file.data) }
        // The tenth: a symbolic link to a perfectly good project elsewhere.
        let elsewhere = harness.spool.appending(path: "elsewhere.json")
        try quickProject("linked").write(to: elsewhere)
        try FileManager.default.createSymbolicLink(at: harness.inbox.appending(path: "link.json"), withDestinationURL: elsewhere)

        let expectations = bad.map { (String($0.name.dropLast(5)), $0.message) } + [("link", "symbolic links are not accepted")]
        let allFailed = await CLIHarness.waitUntil(timeout: 30) {
            expectations.allSatisfy { FileManager.default.fileExists(atPath: harness.folder("failed", $0.0).appending(path: "status.json").path) }
        }
        #expect(allFailed, "daemon log:\n\(harness.daemonLog())")
        for (id, message) in expectations {
            let status = CLIHarness.readJSON(harness.folder("failed", id).appending(path: "status.json"))
            #expect(status?["state"] as? String == "failed", "\(id)")
            let error = status?["error"] as? [String: Any]
            #expect((error?["message"] as? String)?.contains(message) == true, "\(id): \(String(describing: error?["message"]))")
            #expect(FileManager.default.fileExists(atPath: harness.folder("failed", id).appending(path: "project.json").path) || id == "link",
                    "\(id): the original is kept")
        }
        for file in bad {
            let kept = try Data(contentsOf: harness.folder("failed", String(file.name.dropLast(5))).appending(path: "project.json"))
            #expect(kept == file.data, "\(file.name) kept byte for byte")
        }

        try harness.dropByRename("good-after.json", quickProject("after the bad ones"))
        _ = await CLIHarness.waitUntil(timeout: 180) { harness.isFinished("good-after") }
        let rendered = FileManager.default.fileExists(atPath: harness.folder("done", "good-after").appending(path: "video.mp4").path)
        #expect(rendered, "daemon log:\n\(harness.daemonLog())")
        #expect(daemon.isRunning)
    }

    @Test("a second daemon on the same spool refuses to start")
    func secondDaemonRefuses() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon()
        defer { daemon.terminate(); daemon.waitUntilExit() }
        // The pid is written into the lock file once the lock is held.
        let locked = await CLIHarness.waitUntil(timeout: 10) {
            (try? String(contentsOf: harness.spool.appending(path: ".lock"), encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == String(daemon.processIdentifier)
        }
        try #require(locked, "daemon log:\n\(harness.daemonLog())")
        let second = try harness.run(["serve", "--spool", harness.spool.path])
        #expect(second.status == 75)
        #expect(second.stderr.contains("already serving"))
    }
}

/// Counts status reads from the poller task.
final class ReaderTally: Sendable {
    private let counts = Mutex((reads: 0, failures: 0))

    func record(parsed: Bool) {
        counts.withLock {
            $0.reads += 1
            if !parsed { $0.failures += 1 }
        }
    }

    var reads: Int { counts.withLock { $0.reads } }
    var failures: Int { counts.withLock { $0.failures } }
}
