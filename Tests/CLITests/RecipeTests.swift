import Foundation
import SpoolHarness
import Testing

/// Every shell recipe in `examples/recipes/`, run as a producer or cron would run it: `/bin/sh SCRIPT
/// ARGS…` (an argument array, no shell of ours), with the built `tiktok-ai` first on PATH and
/// `SPOOL_DIR` at a temporary spool.
@Suite("shell recipes in examples/recipes", .serialized)
struct RecipeTests {
    static let recipes = CLIHarness.packageRoot.appending(path: "examples/recipes")
    static let hasSSHTools = ["/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/scp", "/usr/bin/rsync", "/usr/bin/ssh-keygen"]
        .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `examples/recipes/NAME` with `/bin/sh`; bounded, so a hung recipe fails the test instead of the run.
    static func recipe(_ name: String, _ arguments: [String], spool: URL, environment: [String: String] = [:],
                       timeout: TimeInterval = 120) throws -> CommandResult {
        var env = environment
        env["SPOOL_DIR"] = spool.path
        env["PATH"] = CLIHarness.binary.deletingLastPathComponent().path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let result = try Command.run("/bin/sh", [recipes.appending(path: name).path] + arguments, environment: env, timeout: timeout)
        #expect(!result.timedOut, "\(name) did not finish within \(timeout) s")
        return result
    }

    /// Placeholders instead of media (the plan is real): for the recipes that only move jobs around.
    static let dryRun = ["APP_RENDER_DRY_RUN": "1"]

    @Test("push with rsync and with scp over ssh, then wait with `status --wait` and with jq: real renders, and a bad file waits to exit 2",
          .enabled(if: hasSSHTools, "needs sshd, ssh, scp, rsync and ssh-keygen (make deps installs them)"),
          .timeLimit(.minutes(4)))
    func pushAndWait() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let server = try await PrivateSSHServer.start(in: harness.spool.appending(path: "ssh"))
        defer { server.stop() }
        let daemon = try harness.startDaemon()
        defer { daemon.terminate(); daemon.waitUntilExit() }

        let outgoing = harness.spool.appending(path: "outgoing", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: outgoing, withIntermediateDirectories: true)
        try quickProject("pushed with rsync").write(to: outgoing.appending(path: "by-rsync.json"))
        try quickProject("pushed with scp").write(to: outgoing.appending(path: "by-scp.json"))
        try Data(#"{"tpoic": "misspelt"}"#.utf8).write(to: outgoing.appending(path: "misspelt.json"))
        let ssh = ["SSH_OPTIONS": (["-o", "Port=\(server.port)"] + server.sshOptions).joined(separator: " ")]
        let remote = "\(server.destinationHost):\(harness.spool.path)"

        let rsync = try Self.recipe("push.sh", ["rsync", remote, outgoing.appending(path: "by-rsync.json").path], spool: harness.spool, environment: ssh)
        #expect(rsync.status == 0, "\(rsync.stderr)")
        let scp = try Self.recipe("push.sh", ["scp", remote, outgoing.appending(path: "by-scp.json").path, outgoing.appending(path: "misspelt.json").path],
                                  spool: harness.spool, environment: ssh)
        #expect(scp.status == 0, "\(scp.stderr)")
        // The hidden staging folder is gone once its files were renamed in.
        let left = try FileManager.default.contentsOfDirectory(atPath: harness.inbox.path).filter { $0.hasPrefix(".scp-") }
        #expect(left.isEmpty, "\(left)")

        let byStatus = try Self.recipe("wait-for-job.sh", ["by-rsync", "180"], spool: harness.spool)
        #expect(byStatus.status == 0, "\(byStatus.stderr.suffix(1000))\n\(harness.daemonLog().suffix(2000))")
        let video = byStatus.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(video == harness.folder("done", "by-rsync").appending(path: "video.mp4").path)
        #expect(((try? FileManager.default.attributesOfItem(atPath: video)[.size] as? Int) ?? 0) > 10_000, "no rendered video at \(video)")

        let byJQ = try Self.recipe("wait-for-job.sh", ["--jq", "by-scp", "180"], spool: harness.spool)
        #expect(byJQ.status == 0, "\(byJQ.stderr.suffix(1000))")
        #expect(byJQ.stdout == harness.folder("done", "by-scp").appending(path: "video.mp4").path + "\n")
        #expect(try CLIHarness.probe(harness.folder("done", "by-scp").appending(path: "video.mp4")).contains { $0["codec_type"] as? String == "video" })

        // Bad input ends failed: both waits say why and exit 2.
        let failedJQ = try Self.recipe("wait-for-job.sh", ["--jq", "misspelt", "60"], spool: harness.spool)
        #expect(failedJQ.status == 2 && failedJQ.stderr.contains("tpoic: unknown field"), "\(failedJQ.status) \(failedJQ.stderr)")
        let failedStatus = try Self.recipe("wait-for-job.sh", ["misspelt", "60"], spool: harness.spool)
        #expect(failedStatus.status == 2 && failedStatus.stderr.contains("tpoic: unknown field"), "\(failedStatus.status) \(failedStatus.stderr)")
    }

    @Test("nightly batch: every line rendered by run --once, exit 0; a bad line makes it exit 2; its header has a crontab line",
          .timeLimit(.minutes(2)))
    func nightlyBatch() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let batch = harness.spool.appending(path: "nightly.jsonl")
        try Data("{\"topic\": \"first of the night\"}\n{\"topic\": \"second of the night\"}\n".utf8).write(to: batch)
        let good = try Self.recipe("nightly-batch.sh", [batch.path], spool: harness.spool, environment: Self.dryRun)
        #expect(good.status == 0, "\(good.stderr.suffix(1500))")
        #expect(harness.isFinished("nightly-0001") && harness.isFinished("nightly-0002"))
        #expect(good.stdout.contains("done    \(harness.folder("done", "nightly-0002").appending(path: "video.mp4").path)"))

        // The next night's batch, with a misspelt line: its jobs get -2, and the recipe exits 2.
        try Data("{\"topic\": \"fine\"}\n{\"tpoic\": \"misspelt\"}\n".utf8).write(to: batch)
        let bad = try Self.recipe("nightly-batch.sh", [batch.path], spool: harness.spool, environment: Self.dryRun)
        #expect(bad.status == 2, "\(bad.stdout)\n\(bad.stderr.suffix(1500))")
        #expect(bad.stdout.contains("failed  \(harness.folder("failed", "nightly-0002-2").path)  line 2: tpoic: unknown field"), "\(bad.stdout)")
        #expect(FileManager.default.fileExists(atPath: harness.folder("done", "nightly-0001-2").path))
        try Self.expectCrontabLine(in: "nightly-batch.sh")
    }

    @Test("cleanup by age: `tiktok-ai cleanup` removes jobs finished before AGE and `find -mtime` folders older than DAYS; fresh ones stay",
          .timeLimit(.minutes(2)))
    func cleanupByAge() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try Self.render(["old": #"{"topic": "old job"}"#, "stale": #"{"topic": "stale job"}"#, "fresh": #"{"topic": "fresh job"}"#],
                        in: harness, expecting: 0)

        // `old` finished 40 days ago, as status.json says (what tiktok-ai cleanup counts from).
        let oldStatus = harness.folder("done", "old").appending(path: "status.json")
        var status = try #require(CLIHarness.readJSON(oldStatus))
        status["finishedAt"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-40 * 86_400))
        try JSONSerialization.data(withJSONObject: status).write(to: oldStatus)
        let byFinish = try Self.recipe("cleanup-by-age.sh", ["30d"], spool: harness.spool)
        #expect(byFinish.status == 0, "\(byFinish.stderr)")
        #expect(byFinish.stdout.contains("removed done/old"), "\(byFinish.stdout)")
        #expect(!FileManager.default.fileExists(atPath: harness.folder("done", "old").path))
        #expect(try harness.run(["status", "old", "--spool", harness.spool.path]).status == 4)

        // `stale`'s folder was last touched 40 days ago (what find -mtime counts from).
        let touched = try Command.run("/usr/bin/touch", ["-d", "40 days ago", harness.folder("done", "stale").path])
        #expect(touched.status == 0, "\(touched.stderr)")
        let byMtime = try Self.recipe("cleanup-by-age.sh", ["--find", "30"], spool: harness.spool)
        #expect(byMtime.status == 0, "\(byMtime.stderr)")
        #expect(!FileManager.default.fileExists(atPath: harness.folder("done", "stale").path))
        #expect(FileManager.default.fileExists(atPath: harness.folder("done", "fresh").appending(path: "status.json").path))
        try Self.expectCrontabLine(in: "cleanup-by-age.sh")
    }

    @Test("backup and restore: a fresh spool restored from backup.sh lists the same jobs in the same states, with their files",
          .timeLimit(.minutes(2)))
    func backupAndRestore() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try Self.render(["kept": #"{"topic": "a job worth keeping"}"#, "refused": #"{"tpoic": "misspelt"}"#], in: harness, expecting: 2)

        let backups = harness.spool.appending(path: "backups")
        let backup = try Self.recipe("backup.sh", [backups.path], spool: harness.spool)
        #expect(backup.status == 0, "\(backup.stderr)")
        let folder = backup.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(folder.hasPrefix(backups.path + "/tiktok-ai-"))

        let fresh = harness.spool.appending(path: "restored")
        let restore = try Self.recipe("restore.sh", [folder, fresh.path], spool: fresh)
        #expect(restore.status == 0, "\(restore.stderr)")
        let listed = { (spool: URL) -> [String] in
            let list = try harness.run(["list", "--json", "--spool", spool.path])
            return list.stdout.split(separator: "\n").compactMap { line -> String? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
                return "\(object["id"] ?? "") \(object["state"] ?? "") \(object["folder"] ?? "")"
            }.sorted()
        }
        let original = try listed(harness.spool)
        #expect(original == ["kept done done", "refused failed failed"])
        #expect(try listed(fresh) == original)
        let restoredStatus = fresh.appending(path: "done/kept/status.json")
        #expect(CLIHarness.readJSON(restoredStatus)?["state"] as? String == "done")
        #expect(FileManager.default.fileExists(atPath: fresh.appending(path: "done/kept/video.mp4").path))
        try Self.expectCrontabLine(in: "backup.sh")
    }

    /// Drops `projects` (job id: JSON) into the inbox and runs them through `run --once` in dry-run mode.
    static func render(_ projects: [String: String], in harness: CLIHarness, expecting status: Int32) throws {
        for (id, json) in projects { try harness.dropByRename("\(id).json", Data(json.utf8)) }
        let run = try harness.run(["run", "--once", "--quiet", "--spool", harness.spool.path], environment: dryRun)
        #expect(run.status == status, "\(run.stderr.suffix(1500))")
    }

    /// The header's crontab example: five time fields, then the recipe itself.
    static func expectCrontabLine(in name: String) throws {
        let text = try String(contentsOf: recipes.appending(path: name), encoding: .utf8)
        let line = text.split(separator: "\n").first { $0.hasPrefix("#  ") && $0.contains("/recipes/\(name) ") }
        let fields = try #require(line, "no crontab line in \(name)").dropFirst().split(separator: " ", omittingEmptySubsequences: true)
        #expect(fields.count > 6 && fields.prefix(5).allSatisfy { $0.allSatisfy { "0123456789*/,-".contains($0) } }, "\(line ?? "")")
    }
}
