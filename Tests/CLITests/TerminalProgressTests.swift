import Foundation
import SpoolHarness
import Testing

/// The progress display: drawn on a terminal, absent from pipes.
///
/// The terminal is a real pseudo-terminal from util-linux `script -qefc COMMAND /dev/null`, which
/// runs COMMAND through `sh -c` with its stdout and stderr on the pty and copies what the pty shows
/// to its own stdout. That command string is the one place these tests use a shell, so every
/// argument goes into it single-quoted (``shellQuoted(_:)``).
@Suite("terminal progress: render, run --once, status --wait", .serialized)
struct TerminalProgressTests {
    /// A terminal that can draw: colour allowed (an empty `NO_COLOR` is unset, no-color.org).
    static let terminal = ["TERM": "xterm-256color", "NO_COLOR": ""]

    @Test("render on a pseudo-terminal shows each step and an encode bar that reaches 100 %, then the video's path")
    func renderOnTerminal() throws {
        let work = try Self.workFolder("tty-render")
        defer { try? FileManager.default.removeItem(at: work) }
        let project = work.appending(path: "tty.json")
        try quickProject("terminal progress").write(to: project)
        let out = work.appending(path: "out")
        let command = ([CLIHarness.binary.path, "render", project.path, "--out", out.path]).map(Self.shellQuoted).joined(separator: " ")
        let result = try CLIHarness.run("/usr/bin/script", ["-qefc", command, "/dev/null"], environment: Self.terminal)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))")
        let screen = result.stdout
        // Redrawn in place, with the encode's bar reaching its end.
        #expect(screen.contains("\r\u{1B}[K"))
        #expect(screen.contains("] 100%"), "\(screen.suffix(2000))")
        for step in ["plan", "voice", "align", "images", "captions", "music", "render", "finalize"] {
            #expect(screen.contains(" \(step) "), "no line for \(step)")
        }
        // The result line is still the last thing, on a line of its own.
        // (The pty ends lines with "\r\n", which Swift reads as one Character.)
        let lines = screen.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.last == out.appending(path: "video.mp4").path, "\(lines.suffix(3))")
        // Info log lines give way to the display unless LOG_LEVEL asks for them.
        #expect(!screen.contains(" info tiktok-ai:"))
    }

    @Test("render piped (stdout and stderr pipes) prints no control character but newline and tab")
    func renderPiped() async throws {
        let work = try Self.workFolder("tty-piped")
        defer { try? FileManager.default.removeItem(at: work) }
        let project = work.appending(path: "piped.json")
        try quickProject("piped progress").write(to: project)
        let out = work.appending(path: "out")
        let process = Process()
        process.executableURL = CLIHarness.binary
        process.arguments = ["render", project.path, "--out", out.path]
        var environment = ProcessInfo.processInfo.environment
        environment.merge(Self.terminal) { $1 }
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Both pipes drained at once, so neither fills up and stalls the command.
        async let outBytes = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
        async let errBytes = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }.value
        let (printed, logged) = await (outBytes, errBytes)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: logged, as: UTF8.self).suffix(2000))")
        #expect(String(decoding: printed, as: UTF8.self) == out.appending(path: "video.mp4").path + "\n")
        // The info log lines are there as before: the plain output is today's.
        #expect(String(decoding: logged, as: UTF8.self).contains(" info tiktok-ai:"))
        for (name, bytes) in [("stdout", printed), ("stderr", logged)] {
            let control = bytes.filter { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }
            #expect(control.isEmpty, "\(name) has control bytes \(Set(control).sorted())")
        }
    }

    @Test("run --once on a pseudo-terminal names the job in its step lines and ends with today's result line")
    func runOnceOnTerminal() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        try harness.dropByRename("ttyjob.json", quickProject("run once on a terminal"))
        let command = [CLIHarness.binary.path, "run", "--once", "--spool", harness.spool.path].map(Self.shellQuoted).joined(separator: " ")
        let result = try CLIHarness.run("/usr/bin/script", ["-qefc", command, "/dev/null"], environment: Self.terminal)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))")
        #expect(result.stdout.contains("ttyjob render"), "\(result.stdout.suffix(2000))")
        #expect(result.stdout.contains("] 100%"))
        #expect(result.stdout.contains("done    \(harness.folder("done", "ttyjob").appending(path: "video.mp4").path)"))
    }

    @Test("status JOB --wait on a pseudo-terminal follows the daemon's job to its end, then prints the status as before")
    func statusWaitOnTerminal() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let daemon = try harness.startDaemon()
        defer { daemon.terminate(); daemon.waitUntilExit() }
        try harness.dropByRename("waited.json", quickProject("waited for on a terminal"))
        // `status` answers 4 at once for a job not claimed yet.
        #expect(await CLIHarness.waitUntil(timeout: 30) { ["queued", "running", "done", "failed"].contains { FileManager.default.fileExists(atPath: harness.folder($0, "waited").path) } })
        let command = [CLIHarness.binary.path, "status", "waited", "--wait", "--timeout", "120", "--spool", harness.spool.path]
            .map(Self.shellQuoted).joined(separator: " ")
        let result = try CLIHarness.run("/usr/bin/script", ["-qefc", command, "/dev/null"], environment: Self.terminal)
        #expect(result.status == 0, "\(result.stdout.suffix(2000))")
        #expect(result.stdout.contains("] 100%"), "\(result.stdout.suffix(2000))")
        #expect(result.stdout.contains("waited  done  100%  step finalize"))
    }

    /// `'…'` with every `'` inside closed, escaped and reopened: one word for `sh`, whatever it holds.
    static func shellQuoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }

    static func workFolder(_ name: String) throws -> URL {
        let work = FileManager.default.temporaryDirectory.appending(path: "\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        return work
    }
}
