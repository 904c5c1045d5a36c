import Foundation

/// Everything that can go wrong while running ffmpeg or ffprobe, worded for the person reading a
/// status file: what failed, and the few lines of the tool's own output that say why.
public enum MediaError: Error, Sendable, Equatable {
    /// The executable could not be found or started.
    case toolNotFound(tool: String, detail: String)
    /// The tool exited with a non-zero status (or was killed by a signal: 128 + signal number).
    case processFailed(tool: String, exitCode: Int32, stderrTail: String)
    /// The tool ran longer than its time budget and was stopped.
    case timedOut(tool: String, after: Duration)
    /// The disk filled up while the tool was writing.
    case noSpace(tool: String, stderrTail: String)
    /// The tool succeeded but printed something we could not understand.
    case invalidOutput(tool: String, detail: String)
    /// The caller asked for something that cannot be rendered.
    case invalidRequest(String)
    /// A file could not be moved into place or cleaned up.
    case fileSystem(String)

    /// Builds the error for a failed run, recognising a full disk so the user gets a clear message
    /// instead of ffmpeg's muxer noise.
    static func failure(tool: String, exitCode: Int32, stderrTail: String) -> MediaError {
        if stderrTail.localizedCaseInsensitiveContains("No space left on device") {
            return .noSpace(tool: tool, stderrTail: stderrTail)
        }
        return .processFailed(tool: tool, exitCode: exitCode, stderrTail: stderrTail)
    }

    /// The last few meaningful lines of a tool's stderr: enough to say why, short enough to read.
    static func summary(of stderrTail: String, lines: Int = 4) -> String {
        let meaningful = stderrTail
            .split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("Press [q]") && !$0.hasPrefix("frame=") }
        return meaningful.suffix(lines).joined(separator: " | ")
    }
}

extension MediaError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .toolNotFound(let tool, let detail):
            return "\(tool) was not found (\(detail)). Install ffmpeg or set FFMPEG_PATH / FFPROBE_PATH."
        case .processFailed(let tool, let exitCode, let stderrTail):
            let status = exitCode > 128 ? "was killed by signal \(exitCode - 128)" : "exited with status \(exitCode)"
            let why = Self.summary(of: stderrTail)
            return why.isEmpty ? "\(tool) \(status)" : "\(tool) \(status): \(why)"
        case .timedOut(let tool, let after):
            return "\(tool) did not finish within \(after.formattedSeconds) and was stopped"
        case .noSpace(let tool, _):
            return "No space left on device: \(tool) could not write its output. Free disk space (e.g. `tiktok-ai cleanup`) and retry."
        case .invalidOutput(let tool, let detail):
            return "\(tool) gave output that could not be read: \(detail)"
        case .invalidRequest(let detail):
            return "Invalid media request: \(detail)"
        case .fileSystem(let detail):
            return detail
        }
    }

    public var errorDescription: String? { description }
}

extension Duration {
    /// `12.5 s`, for messages.
    var formattedSeconds: String {
        let seconds = Double(components.seconds) + Double(components.attoseconds) / 1e18
        return seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }

    /// The duration as floating-point seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
