import Foundation
import SpoolHarness
import Testing

/// Runs the built `tiktok-ai` binary against a temporary spool, as a user's shell would.
struct CLIHarness {
    static let binary = SpoolHarness.binary
    static let packageRoot = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let spool: URL

    init() throws {
        spool = FileManager.default.temporaryDirectory.appending(path: "tiktok-ai-test-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: spool.appending(path: "inbox"), withIntermediateDirectories: true)
    }

    var inbox: URL { spool.appending(path: "inbox") }

    func folder(_ state: String, _ id: String) -> URL { spool.appending(path: state).appending(path: id) }

    /// Starts `serve` in the background; the caller terminates it.
    func startDaemon(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Process {
        try SpoolHarness.startDaemon(binary: Self.binary, spool: spool, extra: extra, environment: environment,
                                     log: spool.appending(path: "daemon.log"))
    }

    /// Runs a command to completion and returns its exit status and output.
    @discardableResult
    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try Self.run(Self.binary.path, arguments, environment: environment)
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try Command.run(executable, arguments, environment: environment, timeout: 600)
        return (result.status, result.stdout, result.stderr)
    }

    /// Drops a file the safe way: write under a hidden name, then rename into the inbox.
    func dropByRename(_ name: String, _ data: Data) throws { try SpoolHarness.dropByRename(name, data, into: inbox) }

    /// True once the job's folder is in `done/` or `failed/`.
    func isFinished(_ id: String) -> Bool { SpoolHarness.isFinished(id, in: spool) }

    func daemonLog() -> String { (try? String(contentsOf: spool.appending(path: "daemon.log"), encoding: .utf8)) ?? "" }

    func cleanUp() { try? FileManager.default.removeItem(at: spool) }

    /// Polls until `condition` holds or `timeout` passes.
    static func waitUntil(timeout: TimeInterval, _ condition: () -> Bool) async -> Bool {
        await SpoolHarness.waitUntil(timeout: timeout, condition)
    }

    static func readJSON(_ url: URL) -> [String: Any]? { SpoolHarness.readJSON(url) }

    /// Streams of a video as ffprobe sees them.
    static func probe(_ url: URL) throws -> [[String: Any]] {
        let result = try run("/usr/bin/ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", url.path])
        guard result.status == 0, let data = result.stdout.data(using: .utf8),
              let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [] }
        return object["streams"] as? [[String: Any]] ?? []
    }
}
