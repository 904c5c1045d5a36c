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

    /// Logs at `LOG_LEVEL` (default info) in `LOG_FORMAT`, to stderr or the files asked for, so stdout
    /// stays clean for scripts. Throws when a log file or `LOG_DIR` cannot be opened.
    static func bootstrap(_ settings: Settings, destination: Destination) throws -> LogOutputs {
        let lowered = settings.logLevel.lowercased()
        let level = Logger.Level(rawValue: lowered == "warn" ? "warning" : lowered) ?? .info
        let format = LogFormat(rawValue: settings.logFormat) ?? .text
        let outputs: LogOutputs
        switch destination {
        case .standardError: outputs = .standardError(format: format)
        case .daemon(let file): outputs = try .open(format: format, file: file, directory: settings.logDirectory)
        }
        LoggingSystem.bootstrap { label in outputs.handler(label: label, level: level) }
        return outputs
    }

    static let logger = Logger(label: "tiktok-ai")
}
