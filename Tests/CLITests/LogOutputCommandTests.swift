import Foundation
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's log as an operator reads it: JSON lines for Loki or ELK, and LOG_DIR's app.log and
/// error.log rotated by logrotate (rename, then SIGHUP).
@Suite("serve: LOG_FORMAT and LOG_DIR", .serialized)
struct LogOutputCommandTests {
    @Test("LOG_FORMAT=json: every stderr line parses with JSONSerialization, and the job's lines carry its id as `job`")
    func jsonLinesCarryTheJob() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon(["--settle", "0.2"], environment: CLIHarness.dryRun.merging(["LOG_FORMAT": "json"]) { $1 })
        defer { ServiceFileTests.stop(daemon) }
        try harness.dropByRename("octopus.json", quickProject("json logs"))
        let finished = await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("octopus") }
        #expect(finished, "\(harness.daemonLog())")
        ServiceFileTests.stop(daemon)

        let lines = harness.daemonLog().split(separator: "\n")
        #expect(!lines.isEmpty)
        var objects: [[String: Any]] = []
        for line in lines {
            guard let object = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] else {
                Issue.record("not a JSON object: \(line)")
                continue
            }
            objects.append(object)
        }
        for object in objects {
            #expect(["timestamp", "level", "label", "message"].allSatisfy { object[$0] is String }, "\(object)")
            let stamp = object["timestamp"] as? String ?? ""
            #expect(stamp.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(stamp)")
        }
        let about = objects.filter { $0["job"] as? String == "octopus" }.compactMap { $0["message"] as? String }
        for message in ["octopus.json → queued/octopus", "started, attempt 1", "done"] {
            #expect(about.contains(message), "no \"\(message)\" with job=octopus in \(about)")
        }
    }

    @Test("LOG_DIR: app.log and error.log; after logrotate renames app.log, SIGHUP makes a new one that is written")
    func logDirectoryReopensOnHangUp() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let logs = harness.spool.appending(path: "logs")
        let config = harness.spool.appending(path: "settings.json")
        try Data("{}".utf8).write(to: config)
        let daemon = try harness.startDaemon(["--settle", "0.2", "--config", config.path],
                                             environment: CLIHarness.dryRun.merging(["LOG_DIR": logs.path, "APP_DRY_RUN_FAIL_STEP": "voice"]) { $1 })
        defer { ServiceFileTests.stop(daemon) }
        let app = logs.appending(path: "app.log"), errors = logs.appending(path: "error.log")
        func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

        try harness.dropByRename("broken.json", quickProject("fails at voice"))
        let failed = await CLIHarness.waitUntil(timeout: 30) { text(errors).contains("failed at voice") }
        #expect(failed, "app.log:\n\(text(app))")
        #expect(text(app).contains("broken.json → queued/broken") && text(app).contains("job=broken"))
        #expect(!text(errors).contains("queued/broken"), "error.log has errors only")
        #expect(!harness.daemonLog().contains("serving spool"), "nothing goes to stderr")

        // logrotate: rename, then SIGHUP. A broken settings file makes the reload log an error, too.
        try FileManager.default.moveItem(at: app, to: logs.appending(path: "app.log.1"))
        try FileManager.default.moveItem(at: errors, to: logs.appending(path: "error.log.1"))
        try Data(#"{"maxConcurentJobs": 3}"#.utf8).write(to: config)
        kill(daemon.processIdentifier, SIGHUP)
        let reopened = await CLIHarness.waitUntil(timeout: 10) {
            text(app).contains("SIGHUP: reopened") && text(errors).contains("SIGHUP: the settings cannot be reloaded")
        }
        #expect(reopened, "app.log:\n\(text(app))\nerror.log:\n\(text(errors))")
        try harness.dropByRename("after-rotate.json", quickProject("after rotate"))
        let logged = await CLIHarness.waitUntil(timeout: 15) { text(app).contains("after-rotate.json → queued/after-rotate") }
        #expect(logged, "\(text(app))")
        #expect(!text(logs.appending(path: "app.log.1")).contains("after-rotate"), "the rotated file is left alone")
    }
}
