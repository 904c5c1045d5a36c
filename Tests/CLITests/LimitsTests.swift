import Foundation
import SpoolHarness
import Testing

/// Disk space, timeouts and the dry run.
@Suite("free disk, timeouts, dry run", .serialized)
struct LimitsTests {
    @Test("below MIN_FREE_DISK_MB no job starts: the daemon keeps it queued; `render` fails saying why")
    func minimumFreeDisk() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let impossible = ["MIN_FREE_DISK_MB": "999999999"]
        try harness.dropByRename("roomless.json", quickProject("roomless"))
        let once = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun.merging(impossible) { $1 })
        #expect(once.status == 1)
        #expect(once.stdout.contains("waiting") && once.stdout.contains("MIN_FREE_DISK_MB 999999999"), "\(once.stdout)")
        #expect(harness.stateFolder(of: "roomless") == "queued")
        #expect(try harness.cli(["run", "--once"], environment: CLIHarness.dryRun).status == 0, "with space it runs")
        #expect(harness.stateFolder(of: "roomless") == "done")

        let project = harness.spool.appending(path: "solo.json")
        try quickProject("solo").write(to: project)
        let render = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", harness.spool.appending(path: "solo-out").path],
                                        environment: CLIHarness.dryRun.merging(impossible) { $1 })
        #expect(render.status == 2)
        #expect(render.stderr.contains("not enough free disk space to render") && render.stderr.contains("MIN_FREE_DISK_MB is 999999999"), "\(render.stderr)")
    }

    @Test("a step that outlives FFMPEG_TIMEOUT_MS fails with a message naming the timeout")
    func ffmpegTimeout() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let project = harness.spool.appending(path: "slow.json")
        try longProject("slow").write(to: project)
        let render = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", harness.spool.appending(path: "slow-out").path],
                                        environment: ["FFMPEG_TIMEOUT_MS": "400"])
        #expect(render.status == 2)
        #expect(render.stderr.contains("FFMPEG_TIMEOUT_MS=400"), "\(render.stderr)")
        #expect(CLIHarness.processes(mentioning: "slow-out").isEmpty)
    }

    @Test("APP_RENDER_DRY_RUN: 100 jobs run through in seconds; placeholders, proportional timings, an export that says dry run")
    func dryRunThroughput() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        var batch = ""
        for line in 1...100 { batch += String(decoding: quickProject("job \(line)"), as: UTF8.self).replacingOccurrences(of: "\n", with: " ") + "\n" }
        try harness.dropByRename("many.jsonl", Data(batch.utf8))
        let started = Date()
        let once = try harness.cli(["run", "--once", "--settle", "0.2", "--jobs", "4"], environment: CLIHarness.dryRun)
        let seconds = Date().timeIntervalSince(started)
        #expect(once.status == 0, "\(once.stderr.suffix(1500))")
        #expect(harness.entries("done").count == 100)
        #expect(seconds < 30, "100 dry-run jobs took \(seconds) s")
        print("dry run: 100 jobs in \(String(format: "%.1f", seconds)) s")

        let folder = harness.folder("done", "many-0001")
        let video = try String(contentsOf: folder.appending(path: "video.mp4"), encoding: .utf8)
        #expect(video.hasPrefix("[dry-run video]"))
        let export = try #require(CLIHarness.readJSON(folder.appending(path: "export.json")))
        #expect(export["dryRun"] as? Bool == true)
        let timings = try #require(CLIHarness.readJSON(folder.appending(path: "timings.json")))
        let words = try #require(timings["words"] as? [[String: Any]])
        #expect(words.count == 14, "one timing per narrated word")
        let plan = try #require(CLIHarness.readJSON(folder.appending(path: "plan.json")))
        #expect((plan["scenes"] as? [Any])?.count == 2, "the plan is real")
    }
}
