import Foundation
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `tiktok-ai` binary against a temporary spool and injects faults around it.
///
/// Everything a test makes lives under one temporary `root`: the spool (`root/spool`, which a test may
/// mount a tmpfs on), the daemon's log (outside the spool, so a full spool does not lose it), keys,
/// source files. `cleanUp()` removes it.
struct FaultHarness {
    static let binary = SpoolHarness.binary

    let root: URL
    let spool: URL

    init(createInbox: Bool = true) throws {
        root = URL(filePath: "/tmp", directoryHint: .isDirectory)
            .appending(path: "tiktok-ai-fault-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        spool = root.appending(path: "spool", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        if createInbox { try makeInbox() }
    }

    func makeInbox() throws {
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    var inbox: URL { spool.appending(path: "inbox", directoryHint: .isDirectory) }
    var logFile: URL { root.appending(path: "daemon.log") }
    var indexFile: URL { spool.appending(path: "index.sqlite") }
    static let stateFolders = ["queued", "running", "done", "failed"]

    func folder(_ state: String, _ id: String) -> URL { spool.appending(path: state).appending(path: id, directoryHint: .isDirectory) }

    /// Starts `serve` in the background, appending to one log across restarts; the caller stops it.
    func startDaemon(_ extra: [String] = [], environment: [String: String] = [:]) throws -> Process {
        try SpoolHarness.startDaemon(binary: Self.binary, spool: spool, extra: extra, environment: environment, log: logFile)
    }

    /// Stops a daemon the polite way, then the hard way if it does not exit within `grace`.
    static func stop(_ process: Process, grace: TimeInterval = 10) {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs a CLI command to completion.
    @discardableResult
    func cli(_ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> CommandResult {
        try Command.run(Self.binary.path, arguments + ["--spool", spool.path], environment: environment, timeout: timeout)
    }

    /// Drops a file the safe way: write under a hidden name, then rename into the inbox.
    func dropByRename(_ name: String, _ data: Data) throws { try SpoolHarness.dropByRename(name, data, into: inbox) }

    /// Every entry of a folder, hidden ones included (staging folders start with `.`).
    func entries(_ name: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: spool.appending(path: name).path)) ?? []).sorted()
    }

    /// The job folders (visible entries) of a state folder.
    func jobs(in state: String) -> [String] { entries(state).filter { !$0.hasPrefix(".") } }

    /// The status file of a job in a given state folder, decoded loosely (as a shell script would with jq).
    func status(_ state: String, _ id: String) -> [String: Any]? {
        Self.readJSON(folder(state, id).appending(path: "status.json"))
    }

    /// True once the job's folder is in `done/` or `failed/`.
    func isFinished(_ id: String) -> Bool { SpoolHarness.isFinished(id, in: spool) }

    /// The last `limit` characters of the daemon log, for failure messages.
    func daemonLog(limit: Int = 6000) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return String(text.suffix(limit))
    }

    /// Removes everything the test made, unless `FAULT_KEEP=1` asks to keep it for a look.
    func cleanUp() {
        if ProcessInfo.processInfo.environment["FAULT_KEEP"] == "1" {
            print("kept \(root.path)")
            return
        }
        try? FileManager.default.removeItem(at: root)
    }

    /// Polls until `condition` holds or `timeout` passes.
    static func waitUntil(timeout: TimeInterval, every interval: Duration = .milliseconds(200), _ condition: () -> Bool) async -> Bool {
        await SpoolHarness.waitUntil(timeout: timeout, every: interval, condition)
    }

    static func readJSON(_ url: URL) -> [String: Any]? { SpoolHarness.readJSON(url) }

    static func errorMessage(_ status: [String: Any]?) -> String? {
        (status?["error"] as? [String: Any])?["message"] as? String
    }

    /// The codec names of a video's streams as ffprobe sees them (empty if it is not a video).
    static func codecs(_ url: URL) -> [String] {
        guard let result = try? Command.run("/usr/bin/ffprobe", ["-v", "error", "-print_format", "json", "-show_streams", url.path]),
              result.status == 0, let data = result.stdout.data(using: .utf8),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return [] }
        return (object["streams"] as? [[String: Any]] ?? []).compactMap { $0["codec_name"] as? String }
    }

    /// Free bytes on the filesystem holding `url`.
    static func freeBytes(at url: URL) -> Int64 {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return -1 }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }

    /// `PRAGMA integrity_check` through the sqlite3 CLI (readers never block the daemon: WAL).
    func integrityCheck() throws -> String {
        try Command.run("/usr/bin/sqlite3", ["-readonly", indexFile.path, "PRAGMA integrity_check;"], timeout: 30)
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// A full-size (1080x1920) project of `scenes` narrated scenes: its encode takes tens of seconds on
/// two cores and writes megabytes, and its drawn images take about 5 MB each.
func fullSizeProject(_ topic: String, scenes: Int) -> Data {
    let sentences = [
        "The first scene talks for a while about how deep oceans keep their secrets from us.",
        "The second scene continues with more words so the video grows long enough to matter.",
        "The third scene adds another sentence about whales, currents and the dark water below.",
        "And the fourth scene closes the story with a final thought about curiosity and patience.",
        "A fifth scene repeats the idea once more, slowly, for anyone still watching this far.",
        "The sixth scene finally says goodbye and asks the viewer to follow for the next part.",
    ]
    let list = (0..<scenes).map { #"{"narration": "\#(sentences[$0 % sentences.count])"}"# }.joined(separator: ", ")
    return Data(#"{"topic": "\#(topic)", "niche": "science", "music": "none", "scenes": [\#(list)]}"#.utf8 + [0x0A])
}

/// A reproducible random source, so a failing kill schedule can be replayed from its printed seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Facts about this machine that decide whether a test can run here.
enum FaultEnvironment {
    /// Whether this process may mount a tmpfs (root, or CAP_SYS_ADMIN).
    static let canMountTmpfs: Bool = {
        let dir = "/tmp/tiktok-ai-mount-probe-\(getpid())"
        guard mkdir(dir, 0o755) == 0 else { return false }
        defer { rmdir(dir) }
        guard let mounted = try? Command.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", dir], timeout: 10),
              mounted.status == 0 else { return false }
        _ = try? Command.run("/bin/umount", [dir], timeout: 10)
        return true
    }()

    /// Whether sshd, ssh, scp, rsync and ssh-keygen are installed (`make deps` installs them).
    static let hasSSHTools: Bool = ["/usr/sbin/sshd", "/usr/bin/ssh", "/usr/bin/scp", "/usr/bin/rsync", "/usr/bin/ssh-keygen"]
        .allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }

    static let hasFFmpeg: Bool = ["/usr/bin/ffmpeg", "/usr/bin/ffprobe"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
}
