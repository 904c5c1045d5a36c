import Foundation
import Logging
import Testing
@testable import LogOutput
#if canImport(Glibc)
import Glibc
#endif

@Suite("LogOutput: text and JSON lines, stderr or LOG_DIR's app.log and error.log, reopened for logrotate")
struct LogOutputTests {
    private let moment = Date(timeIntervalSince1970: 1_796_205_600.125)

    @Test("a JSON line is one object: timestamp with milliseconds, level, label, message and the metadata as string fields")
    func jsonLine() throws {
        let entry = LogEntry(timestamp: moment, level: .error, label: "tiktok-ai",
                             message: "failed at render: \"ffmpeg\" said\nno\u{1}", metadata: [
                                 "job": "octopus", "attempt": .stringConvertible(2), "provider": ["name": "pexels"],
                                 "message": "a field named like a fixed key",
                             ])
        let line = LogFormat.json.line(entry)
        #expect(line.hasSuffix("}\n") && line.dropLast().firstIndex(of: "\n") == nil, "one line: \(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        #expect(object["timestamp"] == "2026-12-02T10:00:00.125Z")
        #expect(object["level"] == "error" && object["label"] == "tiktok-ai")
        #expect(object["message"] == "failed at render: \"ffmpeg\" said\nno\u{1}")
        #expect(object["job"] == "octopus" && object["attempt"] == "2" && object["provider.name"] == "pexels")
        #expect(object["metadata.message"] == "a field named like a fixed key")
    }

    @Test("a text line keeps the daemon's format: timestamp, level, label, metadata, message")
    func textLine() {
        let entry = LogEntry(timestamp: moment, level: .info, label: "tiktok-ai", message: "done", metadata: ["job": "octopus"])
        #expect(LogFormat.text.line(entry) == "2026-12-02T10:00:00.125Z info tiktok-ai: job=octopus done\n")
    }

    @Test("LOG_DIR: app.log takes every line, error.log errors only; reopen() starts a new app.log after a rename")
    func directoryFilesAndReopen() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "logs-\(UUID().uuidString.prefix(8))/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let outputs = try LogOutputs.open(format: .json, file: nil, directory: folder)
        let logger = Logger(label: "test") { outputs.handler(label: $0, level: .info) }
        logger.debug("not at this level")
        logger.info("claimed", metadata: ["job": "a"])
        logger.error("failed", metadata: ["job": "b"])
        let app = folder.appending(path: "app.log"), errors = folder.appending(path: "error.log")
        #expect(try lines(app).map { $0["message"] } == ["claimed", "failed"])
        #expect(try lines(errors).map { $0["job"] } == ["b"])

        try FileManager.default.moveItem(at: app, to: folder.appending(path: "app.log.1"))
        outputs.reopen()
        logger.warning("after rotation", metadata: ["job": "c"])
        #expect(try lines(app).map { $0["message"] } == ["after rotation"])
        #expect(try lines(folder.appending(path: "app.log.1")).count == 2)
    }

    @Test("a folder that cannot be made is an error, not a silent stderr")
    func unusableDirectory() {
        #expect(throws: (any Error).self) { try LogOutputs.open(format: .text, file: nil, directory: URL(filePath: "/proc/no/such")) }
    }

    @Test("journald priorities follow syslog's: error 3, warning 4, info 6")
    func priorities() {
        #expect(StandardErrorSink.priority(of: .error) == 3 && StandardErrorSink.priority(of: .warning) == 4)
        #expect(StandardErrorSink.priority(of: .info) == 6 && StandardErrorSink.priority(of: .critical) == 2)
        #expect(!StandardErrorSink(environment: ["JOURNAL_STREAM": "1:2"]).prefixesPriority, "stderr here is not that stream")
        #expect(!StandardErrorSink(environment: [:]).prefixesPriority)
        var info = stat()
        if fstat(STDERR_FILENO, &info) == 0 {
            #expect(StandardErrorSink(environment: ["JOURNAL_STREAM": "\(info.st_dev):\(info.st_ino)"]).prefixesPriority,
                    "JOURNAL_STREAM naming stderr's device and inode")
        }
    }

    private func lines(_ url: URL) throws -> [[String: String]] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String])
        }
    }
}
