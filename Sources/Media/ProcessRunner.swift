import Foundation
import Logging
import Subprocess
#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Runs a tool with an argument array (never a shell) and guarantees it does not outlive its budget.
///
/// - A timeout sends SIGTERM, then SIGKILL one second later, and throws ``MediaError/timedOut(tool:after:)``.
/// - Cancelling the calling task does the same and throws `CancellationError`: a cancelled job
///   never leaves an ffmpeg encoding in the background.
/// - A non-zero exit throws ``MediaError/processFailed(tool:exitCode:stderrTail:)`` (or
///   ``MediaError/noSpace(tool:stderrTail:)`` when the disk filled up).
public enum ProcessRunner {
    /// How much of stderr is kept for error messages.
    public static let stderrTailLimit = 4000
    /// Stdout beyond this is dropped (ffprobe JSON and progress lines are far smaller).
    static let stdoutLimit = 16 << 20

    static let logger = Logger(label: "tiktok-ai.media")

    /// Runs `executable` (an absolute path, or a name looked up on `PATH`) with `arguments`.
    ///
    /// `onStdoutLine` and `onStderrLine` see every line as it arrives (progress, analysis filters).
    public static func run(
        _ executable: String,
        _ arguments: [String],
        timeout: Duration,
        onStdoutLine: (@Sendable (String) -> Void)? = nil,
        onStderrLine: (@Sendable (String) -> Void)? = nil
    ) async throws -> ProcessResult {
        try Task.checkCancellation()
        let tool = toolName(executable)
        logger.debug("run \(tool)", metadata: ["arguments": "\(arguments.joined(separator: " "))"])

        let result: ProcessResult = try await withThrowingTaskGroup(of: Race.self) { group in
            group.addTask {
                .finished(try await execute(executable, arguments, tool: tool, onStdoutLine: onStdoutLine, onStderrLine: onStderrLine))
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return .timedOut
            }
            // Throws CancellationError when the caller is cancelled; leaving the group then cancels
            // the process task, whose teardown stops the child before the group returns.
            let first = try await group.next()!
            group.cancelAll()
            switch first {
            case .finished(let result):
                return result
            case .timedOut:
                while true {
                    do { if try await group.next() == nil { break } } catch {}
                }
                throw MediaError.timedOut(tool: tool, after: timeout)
            }
        }

        guard result.succeeded else {
            throw MediaError.failure(tool: tool, exitCode: result.exitCode, stderrTail: result.stderrTail)
        }
        return result
    }

    private enum Race: Sendable {
        case finished(ProcessResult)
        case timedOut
    }

    private static func execute(
        _ executable: String,
        _ arguments: [String],
        tool: String,
        onStdoutLine: (@Sendable (String) -> Void)?,
        onStderrLine: (@Sendable (String) -> Void)?
    ) async throws -> ProcessResult {
        var options = PlatformOptions()
        // SIGTERM lets ffmpeg close its files; SIGKILL follows if it has not exited within a second.
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        let target: Executable = executable.contains("/") ? .path(FilePath(executable)) : .name(executable)

        let outcome: ExecutionResult<(String, String), SequenceOutput, SequenceOutput>
        do {
            outcome = try await Subprocess.run(
                target,
                arguments: Arguments(arguments),
                platformOptions: options,
                input: .none,
                output: .sequence,
                error: .sequence
            ) { execution in
                async let stdout = collectAll(execution.standardOutput, onLine: onStdoutLine)
                async let stderr = collectTail(execution.standardError, onLine: onStderrLine)
                return try await (stdout, stderr)
            }
        } catch let error as SubprocessError {
            try Task.checkCancellation()
            if error.code == .executableNotFound || error.code == .spawnFailed {
                throw MediaError.toolNotFound(tool: tool, detail: "\(executable): \(error)")
            }
            throw MediaError.invalidOutput(tool: tool, detail: "\(error)")
        } catch {
            try Task.checkCancellation()
            throw error
        }
        // A cancelled run ends because we stopped it; report the cancellation, not the signal.
        try Task.checkCancellation()

        let termination: ProcessResult.Termination
        switch outcome.terminationStatus {
        case .exited(let code): termination = .exited(code)
        case .signaled(let signal): termination = .signaled(signal)
        }
        let (stdout, stderr) = outcome.closureResult
        return ProcessResult(termination: termination, stdout: stdout, stderrTail: stderr)
    }

    private static func collectAll(
        _ sequence: SubprocessOutputSequence,
        onLine: (@Sendable (String) -> Void)?
    ) async throws -> String {
        var text = ""
        for try await line in sequence.strings(bufferingPolicy: .maxLineLength(4 << 20)) {
            onLine?(line)
            if text.utf8.count < stdoutLimit {
                text += line
                text += "\n"
            }
        }
        return text
    }

    private static func collectTail(
        _ sequence: SubprocessOutputSequence,
        onLine: (@Sendable (String) -> Void)?
    ) async throws -> String {
        var tail = ""
        for try await line in sequence.strings(bufferingPolicy: .maxLineLength(4 << 20)) {
            onLine?(line)
            tail += line
            tail += "\n"
            if tail.utf8.count > 2 * stderrTailLimit {
                tail = String(tail.suffix(stderrTailLimit))
            }
        }
        return String(tail.suffix(stderrTailLimit))
    }

    static func toolName(_ executable: String) -> String {
        executable.split(separator: "/").last.map(String.init) ?? executable
    }
}
