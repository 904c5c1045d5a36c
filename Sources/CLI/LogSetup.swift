import Foundation
import Logging

enum LogSetup {
    /// Logs go to stderr (or `file`), at `level` (`LOG_LEVEL`, default info), so stdout stays clean for scripts.
    /// With a terminal display (`terminal`), stderr lines are printed above its live line.
    static func bootstrap(level text: String, file: LogFile? = nil, terminal: TerminalProgress? = nil) {
        let lowered = text.lowercased()
        let level = Logger.Level(rawValue: lowered == "warn" ? "warning" : lowered) ?? .info
        LoggingSystem.bootstrap { label in
            if let file { return FileLogHandler(label: label, file: file, logLevel: level) }
            var handler = terminal.map { StreamLogHandler(label: label, stream: TerminalLogStream(progress: $0)) }
                ?? StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static let logger = Logger(label: "tiktok-ai")
}
