import Foundation
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The operator's commands: pause/resume, reindex, backup, cleanup, doctor, and the daemon's log file.
@Suite("pause, reindex, backup, cleanup, doctor, log file", .serialized)
struct MaintenanceCommandTests {
    @Test("pause holds new jobs in queued/ (files are still claimed); resume lets them run; run --once reports them waiting")
    func pauseAndResume() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let paused = try harness.cli(["pause"])
        #expect(paused.status == 0)
        #expect(FileManager.default.fileExists(atPath: harness.spool.appending(path: "PAUSE").path))
        #expect(try harness.cli(["pause"]).stdout.contains("already paused"))

        try harness.dropByRename("held.json", quickProject("held"))
        let once = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun)
        #expect(once.status == 1, "jobs left waiting exit 1")
        #expect(once.stdout.contains("waiting") && once.stdout.contains("paused"), "\(once.stdout)")
        #expect(harness.stateFolder(of: "held") == "queued")

        let daemon = try harness.startDaemon(["--settle", "0.2"], environment: CLIHarness.dryRun)
        defer { daemon.terminate(); daemon.waitUntilExit() }
        // The daemon says when it holds jobs back: wait for that, not for time to pass.
        let holding = await CLIHarness.waitUntil(timeout: 15) { harness.daemonLog().contains("wait: the spool is paused") }
        #expect(holding, "daemon log:\n\(harness.daemonLog())")
        #expect(harness.stateFolder(of: "held") == "queued", "nothing starts while paused")
        let counts = try harness.cli(["status", "--json"])
        #expect(counts.stdout.contains("\"paused\":true"))

        #expect(try harness.cli(["resume"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: harness.spool.appending(path: "PAUSE").path))
        let done = await CLIHarness.waitUntil(timeout: 15) { harness.stateFolder(of: "held") == "done" }
        #expect(done, "daemon log:\n\(harness.daemonLog())")
        #expect(try harness.cli(["resume"]).stdout.contains("not paused"))
    }

    @Test("reindex rebuilds a deleted index from the folders; jobs whose folders are gone are marked purged")
    func reindexAfterDeletingTheIndex() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        for name in ["one", "two", "three"] { try harness.dropByRename("\(name).json", quickProject(name)) }
        try harness.dropByRename("bad.json", Data(#"{"topic": "x", "colour": "red"}"#.utf8))
        _ = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun)
        #expect(harness.entries("done") == ["one", "three", "two"])

        // Lose the index, and one folder with it.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: harness.spool.appending(path: "index.sqlite").path + suffix) }
        #expect(try harness.cli(["list"]).status != 0, "no index: list says so")
        let rebuilt = try harness.cli(["reindex", "--json"])
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(rebuilt.stdout.utf8)) as? [String: Any])
        #expect((report["indexed"] as? [String: Int]) == ["queued": 0, "running": 0, "done": 3, "failed": 1])
        let list = try harness.cli(["list"])
        for id in ["one", "two", "three", "bad"] { #expect(list.stdout.contains(id), "\(list.stdout)") }
        let status = try harness.cli(["status", "bad", "--json"])
        #expect(status.stdout.contains("colour: unknown field"))

        try FileManager.default.removeItem(at: harness.folder("done", "two"))
        let again = try harness.cli(["reindex"])
        #expect(again.stdout.contains("indexed 3 jobs") && again.stdout.contains("marked 1 purged"), "\(again.stdout)")
        #expect(try harness.cli(["status", "two"]).stderr.contains("was purged"))
    }

    @Test("backup while the daemon writes: the copy opens, passes integrity_check and lists the jobs")
    func backupWhileServing() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "0.2"], environment: CLIHarness.dryRun)
        defer { daemon.terminate(); daemon.waitUntilExit() }
        var batch = ""
        for line in 1...40 { batch += String(decoding: quickProject("line \(line)"), as: UTF8.self).replacingOccurrences(of: "\n", with: " ") + "\n" }
        try harness.dropByRename("bulk.jsonl", Data(batch.utf8))
        _ = await CLIHarness.waitUntil(timeout: 20) { !harness.entries("done").isEmpty }

        let destination = harness.spool.deletingLastPathComponent().appending(path: "backup-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: destination) }
        let backup = try harness.cli(["backup", destination.path])
        #expect(backup.status == 0, "\(backup.stderr)")
        let file = URL(filePath: backup.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(file.deletingLastPathComponent().standardizedFileURL.path == destination.standardizedFileURL.path)
        #expect(file.lastPathComponent.hasPrefix("index-") && file.pathExtension == "sqlite")

        // Restore it into a fresh spool, as the README says: the copy is the index there.
        let restored = destination.appending(path: "spool")
        try FileManager.default.createDirectory(at: restored, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: file, to: restored.appending(path: "index.sqlite"))
        let doctor = try CLIHarness.run(CLIHarness.binary.path, ["doctor", "--json", "--spool", restored.path])
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(doctor.stdout.utf8)) as? [String: Any])
        let indexCheck = (checks["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "index" }
        #expect(indexCheck?["verdict"] as? String == "ok", "\(String(describing: indexCheck))")
        #expect((indexCheck?["detail"] as? String)?.contains("integrity ok") == true)
        let list = try CLIHarness.run(CLIHarness.binary.path, ["list", "--limit", "100", "--spool", restored.path])
        #expect(list.stdout.split(separator: "\n").count == 40, "\(list.stdout)")

        #expect(try CLIHarness.run(CLIHarness.binary.path, ["backup", destination.path, "--spool", destination.appending(path: "nowhere").path]).status == 1)
    }

    @Test("cleanup --older-than: --dry-run lists without removing; the real run removes only old finished jobs and marks them purged")
    func cleanupByAge() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        for name in ["old-done", "new-done", "old-failed", "waiting"] { try harness.dropByRename("\(name).json", quickProject(name)) }
        _ = try harness.cli(["run", "--once", "--settle", "0.2"], environment: CLIHarness.dryRun)
        try FileManager.default.moveItem(at: harness.folder("done", "old-failed"), to: harness.folder("failed", "old-failed"))
        try FileManager.default.moveItem(at: harness.folder("done", "waiting"), to: harness.folder("queued", "waiting"))
        let longAgo = "2026-01-01T00:00:00.000Z"
        try harness.editStatus("old-done") { $0["finishedAt"] = longAgo }
        // No finishedAt: the folder's mtime counts.
        try harness.editStatus("old-failed") { $0["finishedAt"] = NSNull(); $0["state"] = "failed" }
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -40 * 86_400)], ofItemAtPath: harness.folder("failed", "old-failed").path)
        try harness.editStatus("waiting") { $0["finishedAt"] = longAgo; $0["state"] = "queued" }

        let dry = try harness.cli(["cleanup", "--older-than", "30d", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would remove done/old-done") && dry.stdout.contains("would remove failed/old-failed"), "\(dry.stdout)")
        #expect(dry.stdout.contains("mtime"))
        #expect(!dry.stdout.contains("new-done") && !dry.stdout.contains("waiting"))
        #expect(harness.stateFolder(of: "old-done") == "done", "a dry run removes nothing")

        let onlyDone = try harness.cli(["cleanup", "--older-than", "30d", "--state", "done", "--dry-run", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(onlyDone.stdout.utf8)) as? [String: Any])
        #expect((object["removed"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["old-done"])

        let real = try harness.cli(["cleanup", "--older-than", "30d"])
        #expect(real.status == 0, "\(real.stderr)")
        #expect(real.stdout.contains("removed 2 jobs"))
        #expect(harness.stateFolder(of: "old-done") == nil && harness.stateFolder(of: "old-failed") == nil)
        #expect(harness.stateFolder(of: "new-done") == "done" && harness.stateFolder(of: "waiting") == "queued")
        #expect(try harness.cli(["status", "old-done"]).stderr.contains("was purged"))
        #expect(!(try harness.cli(["list"]).stdout.contains("old-done")))

        #expect(try harness.cli(["cleanup", "--older-than", "30 days"]).status == 64)
        #expect(try harness.cli(["cleanup", "--older-than", "1d", "--state", "running"]).status == 64)
    }

    @Test("doctor: exit 0 when everything is there; exit 1 naming the font and the command that fixes it when FONTS_DIR is empty")
    func doctor() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        #expect(try harness.cli(["submit", {
            let file = harness.spool.appending(path: "d.json"); try? quickProject("d").write(to: file); return file.path
        }()]).status == 0)
        let healthy = try harness.cli(["doctor"])
        #expect(healthy.status == 0, "\(healthy.stdout)")
        for name in ["ffmpeg", "ffprobe", "espeak-ng", "font", "spool", "index", "inotify", "disk"] {
            #expect(healthy.stdout.contains(" \(name) "), "\(name) missing from \(healthy.stdout)")
        }
        let broken = try harness.cli(["doctor", "--json"], environment: ["FONTS_DIR": harness.spool.path])
        #expect(broken.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(broken.stdout.utf8)) as? [String: Any])
        #expect(object["ok"] as? Bool == false)
        let font = (object["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "font" }
        #expect(font?["verdict"] as? String == "fail")
        #expect(font?["fix"] as? String == "apt-get install fonts-league-spartan (or set FONTS_DIR)")
        #expect((object["checks"] as? [[String: Any]])?.first { $0["name"] as? String == "disk" }?["fix"] == nil, "an ok check has no fix")
        let text = try harness.cli(["doctor"], environment: ["FONTS_DIR": harness.spool.path])
        #expect(text.stdout.contains("fix:                   apt-get install fonts-league-spartan"), "\(text.stdout)")
    }

    @Test("--log-file: the daemon logs there, and SIGHUP reopens it after logrotate moved it away")
    func logFileReopensOnHangUp() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let log = harness.spool.deletingLastPathComponent().appending(path: "tiktok-\(UUID().uuidString.prefix(6)).log")
        defer { for suffix in ["", ".1"] { try? FileManager.default.removeItem(atPath: log.path + suffix) } }
        let daemon = try harness.startDaemon(["--settle", "0.2", "--log-file", log.path], environment: CLIHarness.dryRun)
        defer { daemon.terminate(); daemon.waitUntilExit() }
        let started = await CLIHarness.waitUntil(timeout: 10) {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("serving spool")
        }
        #expect(started)
        #expect(!harness.daemonLog().contains("serving spool"), "nothing goes to stderr")

        try FileManager.default.moveItem(atPath: log.path, toPath: log.path + ".1")
        kill(daemon.processIdentifier, SIGHUP)
        let reopened = await CLIHarness.waitUntil(timeout: 5) { FileManager.default.fileExists(atPath: log.path) }
        #expect(reopened)
        try harness.dropByRename("after-rotate.json", quickProject("after rotate"))
        let logged = await CLIHarness.waitUntil(timeout: 15) {
            ((try? String(contentsOf: log, encoding: .utf8)) ?? "").contains("after-rotate.json → queued/after-rotate")
        }
        #expect(logged, "\((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        #expect(!((try? String(contentsOfFile: log.path + ".1", encoding: .utf8)) ?? "").contains("after-rotate"))
    }
}
