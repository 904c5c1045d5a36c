import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What every end-to-end test suite does to a spool from outside, as a user's shell would: start the
/// daemon, drop files, wait for folders, read status files. Shared by `CLITests` and `FaultTests`.
public enum SpoolHarness {
    /// The `tiktok-ai` built with these tests: beside the test bundle, in the same build folder and
    /// configuration (the test targets depend on the CLI target, so building them builds it).
    /// `FAULT_TESTS_BINARY` points at another build (a release one, or an older version to compare).
    public static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["FAULT_TESTS_BINARY"] { return URL(filePath: path) }
        let buildFolder = URL(filePath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return buildFolder.appending(path: "tiktok-ai")
    }()

    /// Starts `binary serve --spool spool extra…` in the background with `LOG_LEVEL=info`, its output
    /// appended to `log` (created when missing). The caller stops it.
    public static func startDaemon(binary: URL, spool: URL, extra: [String] = [], environment: [String: String] = [:],
                                   log: URL) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["serve", "--spool", spool.path] + extra
        var env = ProcessInfo.processInfo.environment
        env["LOG_LEVEL"] = "info"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        process.standardError = handle
        process.standardOutput = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try handle.close()
        return process
    }

    /// Drops a file the safe way: written under a hidden name, then renamed into `inbox`.
    public static func dropByRename(_ name: String, _ data: Data, into inbox: URL) throws {
        let temp = inbox.appending(path: ".\(name).tmp")
        try data.write(to: temp)
        try FileManager.default.moveItem(at: temp, to: inbox.appending(path: name))
    }

    /// True once the job's folder (with its status) is in `done/` or `failed/`.
    public static func isFinished(_ id: String, in spool: URL) -> Bool {
        ["done", "failed"].contains {
            FileManager.default.fileExists(atPath: spool.appending(path: $0).appending(path: id).appending(path: "status.json").path)
        }
    }

    /// Polls until `condition` holds or `timeout` passes.
    public static func waitUntil(timeout: TimeInterval, every interval: Duration = .milliseconds(200), _ condition: () -> Bool) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            try? await Task.sleep(for: interval)
        }
        return condition()
    }

    /// A JSON object file decoded loosely, as a shell script would read it with jq.
    public static func readJSON(_ url: URL) -> [String: Any]? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}

/// A short project that renders in a few seconds: two scenes of the project's own narration, small frame.
public func quickProject(_ topic: String, padTo size: Int = 0) -> Data {
    var json = """
    {"topic": "\(topic)", "niche": "science", "music": "none",
     "scenes": [{"narration": "Quick test scene one about \(topic)."}, {"narration": "And a second short scene to finish."}],
     "render": {"size": "360x640"}
    """
    if json.utf8.count < size - 2 { json += String(repeating: " ", count: size - 2 - json.utf8.count) }
    return Data((json + "}\n").utf8)
}

/// `quickProject` on one line, for `.jsonl` batches.
public func quickProjectLine(_ topic: String) -> String {
    #"{"topic": "\#(topic)", "niche": "science", "music": "none", "scenes": [{"narration": "Quick test scene one about \#(topic)."}, {"narration": "And a second short scene to finish."}], "render": {"size": "360x640"}}"#
}

public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool
}

public enum Command {
    /// Runs a program to completion (killing it after `timeout`) and returns its status and output.
    /// Output goes through files, not pipes, so a background grandchild holding a pipe cannot hang us.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    timeout: TimeInterval = 60) throws -> CommandResult {
        let scratch = URL(filePath: NSTemporaryDirectory()).appending(path: "fault-cmd-\(UUID().uuidString)")
        let outURL = scratch.appendingPathExtension("out"), errURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let process = Process()
        process.executableURL = URL(filePath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? out.close()
        try? err.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        let timedOut = process.isRunning
        if timedOut { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                             stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "",
                             timedOut: timedOut)
    }
}

