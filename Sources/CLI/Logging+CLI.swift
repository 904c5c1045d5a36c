import Foundation
import Logging

enum CLILogging {
    /// Logs go to stderr (or `file`), at `LOG_LEVEL` (default info), so stdout stays clean for scripts.
    static func bootstrap(file: LogFile? = nil) {
        let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            if let file { return FileLogHandler(label: label, file: file, logLevel: level) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static let logger = Logger(label: "tiktok-ai")
}
