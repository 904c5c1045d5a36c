import Foundation
import SpoolHarness
import Testing

/// `submit`, `run --once` and `status --wait`: the cron path and its exit codes.
@Suite("run --once, submit and status --wait", .serialized)
struct RunOnceTests {
    @Test("a submitted job is rendered by run --once; status --wait exits 0 for done and 2 for failed")
    func submitThenDrain() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let good = harness.spool.appending(path: "good one.json")
        try quickProject("submitted").write(to: good)
        let submitted = try harness.run(["submit", good.path, "--spool", harness.spool.path])
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(submitted.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "good_one")

        // A file that fails on purpose, dropped into the inbox instead.
        try harness.dropByRename("doomed.json", quickProject("doomed"))
        let drained = try harness.run(["run", "--once", "--spool", harness.spool.path], environment: ["APP_DRY_RUN_FAIL_STEP": "render"])
        #expect(drained.status == 2, "run --once exits 2 when a job failed\n\(drained.stderr.suffix(2000))")
        #expect(drained.stdout.contains("failed"))

        // Without the injected failure the submitted job would render; here both hit it, so check the messages.
        let status = try harness.run(["status", "doomed", "--wait", "--spool", harness.spool.path])
        #expect(status.status == 2)
        #expect(status.stdout.contains("failure injected at render"))

        // Retry the submitted one for real by rendering it again without the injection.
        let again = try harness.run(["submit", good.path, "--spool", harness.spool.path])
        #expect(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "good_one-2")
        let second = try harness.run(["run", "--once", "--spool", harness.spool.path])
        #expect(second.status == 0, "\(second.stderr.suffix(2000))")
        #expect(second.stdout.contains("done/good_one-2/video.mp4"))
        let wait = try harness.run(["status", "good_one-2", "--wait", "--json", "--spool", harness.spool.path])
        #expect(wait.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(wait.stdout.utf8)) as? [String: Any])
        #expect(json["state"] as? String == "done")
        #expect(json["progress"] as? Int == 100)
        // Issue 7, acceptance 6: the providers that ran, recorded as they ran.
        #expect(json["providers"] as? [String: String] == ["plan": "template", "voice": "espeak-ng", "align": "speech",
                                                          "images": "painter", "music": "none", "render": "ffmpeg", "finalize": "template"], "\(json)")

        let missing = try harness.run(["status", "no-such-job", "--spool", harness.spool.path])
        #expect(missing.status == 4)
        let counts = try harness.run(["status", "--json", "--spool", harness.spool.path])
        let countObject = try #require(try JSONSerialization.jsonObject(with: Data(counts.stdout.utf8)) as? [String: Any])
        #expect(countObject["done"] as? Int == 1)
        #expect(countObject["failed"] as? Int == 2)
    }

    @Test("music names a mood of the library: a track from its folder, or a failure saying where to put one")
    func libraryMood() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        func project(_ topic: String, transitions: String) -> Data {
            Data(String(decoding: quickProject(topic), as: UTF8.self)
                .replacingOccurrences(of: #""music": "none""#, with: #""music": "lofi""#)
                .replacingOccurrences(of: #""size": "360x640""#, with: #""size": "360x640", "transitions": \#(transitions)"#).utf8)
        }
        let library = harness.spool.appending(path: "music-library")
        try harness.dropByRename("no-library.json", project("no library", transitions: #""none""#))
        let first = try harness.run(["run", "--once", "--spool", harness.spool.path], environment: ["MUSIC_LIBRARY_DIR": library.path])
        #expect(first.status == 2)
        let failed = try harness.run(["status", "no-library", "--json", "--spool", harness.spool.path])
        #expect(failed.stdout.contains("no tracks for the mood 'lofi'") && failed.stdout.contains("\(library.path)/lofi/"), "\(failed.stdout)")

        // One track in the mood's folder: the job gets it, looped to length.
        let folder = library.appending(path: "lofi")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tone = try CLIHarness.run("/usr/bin/ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=3",
                                                         folder.appending(path: "tone.wav").path])
        #expect(tone.status == 0, "\(tone.stderr)")
        try harness.dropByRename("with-library.json", project("with library", transitions: #"["wipeleft"]"#))
        let second = try harness.run(["run", "--once", "--spool", harness.spool.path], environment: ["MUSIC_LIBRARY_DIR": library.path])
        #expect(second.status == 0, "\(second.stderr.suffix(2000))")
        let log = try String(contentsOf: harness.spool.appending(path: "done/with-library/job.log"), encoding: .utf8)
        #expect(log.contains("library track 'lofi/tone.wav'"), "\(log)")
        let status = try #require(CLIHarness.readJSON(harness.spool.appending(path: "done/with-library/status.json")))
        #expect((status["providers"] as? [String: String])?["music"] == "library")
    }

    @Test("submit refuses an invalid project with the field named and queues nothing")
    func submitRefusesInvalid() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let bad = harness.spool.appending(path: "bad.json")
        try Data(#"{"topic": "x", "targetSeconds": 5}"#.utf8).write(to: bad)
        let result = try harness.run(["submit", bad.path, "--spool", harness.spool.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("targetSeconds: must be between 15 and 600, got 5"))
        #expect((try? FileManager.default.contentsOfDirectory(atPath: harness.spool.appending(path: "queued").path))?.filter { !$0.hasPrefix(".") }.isEmpty ?? true)
    }

    @Test("packs lists the twelve niche packs")
    func packs() throws {
        let result = try CLIHarness.run(CLIHarness.binary.path, ["packs", "--json"])
        let packs = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(packs.count == 12)
    }
}
