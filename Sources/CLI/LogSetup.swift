import Foundation
import LogOutput
import Logging
import Settings

enum LogSetup {
    /// Where a command's log goes: only the daemon's commands (`serve`, `run --once`) write `--log-file` and
    /// `LOG_DIR`; the others log to stderr, so an operator's `status` never needs the daemon's log folder.
    enum Destination {
        case standardError
        case daemon(file: String?)
    }

    /// Logs at `level` in `LOG_FORMAT`, to stderr or the files asked for, so stdout stays clean for
    /// scripts. With a terminal display (`terminal`) and nothing but stderr to write to, lines are
    /// printed above its live line. Throws when a log file or `LOG_DIR` cannot be opened.
    static func bootstrap(_ settings: Settings, level text: String, destination: Destination,
                          terminal: TerminalProgress? = nil) throws -> LogOutputs {
        let lowered = text.lowercased()
        let level = Logger.Level(rawValue: lowered == "warn" ? "warning" : lowered) ?? .info
        let format = LogFormat(rawValue: settings.logFormat) ?? .text
        var outputs: LogOutputs
        switch destination {
        case .standardError: outputs = .standardError(format: format)
        case .daemon(let file): outputs = try .open(format: format, file: file, directory: settings.logDirectory)
        }
        if let terminal, outputs.paths.isEmpty {
            outputs = LogOutputs(format: format, targets: [.init(sink: TerminalLogSink(progress: terminal), minimum: .trace)])
        }
        let chosen = outputs
        LoggingSystem.bootstrap { label in chosen.handler(label: label, level: level) }
        return chosen
    }

    static let logger = Logger(label: "tiktok-ai")
}
