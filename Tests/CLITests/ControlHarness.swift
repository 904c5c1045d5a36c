import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// What the control and recovery tests add to ``CLIHarness``: one-line commands against the harness's
/// spool, status reads by job, and the dry-run environment that makes a job take milliseconds.
extension CLIHarness {
    /// Steps write placeholders: the pipeline, folders and index run for real in milliseconds.
    static let dryRun = ["APP_RENDER_DRY_RUN": "1"]

    /// Runs `tiktok-ai ARGS --spool SPOOL`.
    @discardableResult
    func cli(_ arguments: [String], environment: [String: String] = [:]) throws -> (status: Int32, stdout: String, stderr: String) {
        try run(arguments + ["--spool", spool.path], environment: environment)
    }

    /// The state folder holding job `id`, if any.
    func stateFolder(of id: String) -> String? {
        ["queued", "running", "done", "failed"].first { FileManager.default.fileExists(atPath: folder($0, id).appending(path: "status.json").path) }
    }

    /// The job's `status.json`, wherever it is.
    func status(_ id: String) -> [String: Any]? {
        stateFolder(of: id).flatMap { CLIHarness.readJSON(folder($0, id).appending(path: "status.json")) }
    }

    /// Rewrites fields of a job's `status.json` in place (tests only: an old finish time, a history).
    func editStatus(_ id: String, _ change: (inout [String: Any]) -> Void) throws {
        let url = folder(try #require(stateFolder(of: id)), id).appending(path: "status.json")
        var object = try #require(CLIHarness.readJSON(url))
        change(&object)
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    /// Names in a folder of the spool, hidden ones left out.
    func entries(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: spool.appending(path: name).path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Live processes (not zombies) whose command line mentions `fragment`, as `pgrep -f` finds them.
    static func processes(mentioning fragment: String) -> [String] {
        guard let result = try? run("/usr/bin/pgrep", ["-af", fragment]) else { return [] }
        return result.stdout.split(separator: "\n").map(String.init).filter { line in
            guard let pid = line.split(separator: " ").first,
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let state = stat[stat.index(close, offsetBy: 2)]
            return state != "Z" && !line.contains("pgrep")
        }
    }

    /// Stops a daemon with SIGTERM and waits up to `grace` seconds; SIGKILL after that. Returns the exit status.
    @discardableResult
    static func stop(_ process: Process, grace: TimeInterval = 10) async -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        _ = await waitUntil(timeout: grace) { !process.isRunning }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// A project whose narration is long enough that its render takes a few seconds (to catch it mid-encode).
func longProject(_ topic: String) -> Data {
    let sentence = "This sentence about \(topic) is here to make the narration long enough to watch the encoder at work."
    let scenes = (0..<4).map { _ in "{\"narration\": \"\(sentence) \(sentence)\"}" }.joined(separator: ", ")
    return Data("""
    {"topic": "\(topic)", "niche": "science", "music": "none", "scenes": [\(scenes)], "render": {"size": "720x1280"}}

    """.utf8)
}
