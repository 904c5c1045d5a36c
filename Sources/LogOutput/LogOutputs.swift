import Foundation
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Every place a process logs to, each with the lowest level it takes, and the one ``LogHandler`` that
/// writes there (``handler(label:level:)``).
///
/// - By default: stderr (journald under systemd).
/// - `--log-file PATH`: that file instead.
/// - `LOG_DIR`: `app.log` (every line at `LOG_LEVEL`) and `error.log` (error and above) in that folder,
///   created when missing, instead of stderr (beside `--log-file` when both are given).
///
/// ``reopen()`` (SIGHUP) opens every file again at its path, for logrotate.
public final class LogOutputs: Sendable {
    public struct Target: Sendable {
        public var sink: any LogSink
        public var minimum: Logger.Level

        public init(sink: any LogSink, minimum: Logger.Level) {
            self.sink = sink
            self.minimum = minimum
        }
    }

    public let format: LogFormat
    public let targets: [Target]
    /// The files written, for messages ("reopened …").
    public let paths: [String]

    public init(format: LogFormat, targets: [Target], paths: [String] = []) {
        self.format = format
        self.targets = targets
        self.paths = paths
    }

    /// stderr alone.
    public static func standardError(format: LogFormat = .text) -> LogOutputs {
        LogOutputs(format: format, targets: [Target(sink: StandardErrorSink(), minimum: .trace)])
    }

    /// The files asked for, or stderr when none is; throws when a file or the folder cannot be made.
    public static func open(format: LogFormat, file: String?, directory: URL?) throws -> LogOutputs {
        var targets: [Target] = []
        var paths: [String] = []
        if let file {
            targets.append(Target(sink: try LogFile(path: file), minimum: .trace))
            paths.append(file)
        }
        if let directory {
            try FolderError.makeFolder(directory.path)
            for (name, minimum) in [("app.log", Logger.Level.trace), ("error.log", .error)] {
                let path = directory.appending(path: name).path
                targets.append(Target(sink: try LogFile(path: path), minimum: minimum))
                paths.append(path)
            }
        }
        if targets.isEmpty { return .standardError(format: format) }
        return LogOutputs(format: format, targets: targets, paths: paths)
    }

    /// `LOG_DIR` cannot be made (its parent is read-only, say).
    public struct FolderError: Error, LocalizedError {
        public var path: String
        public var reason: String
        public var errorDescription: String? { "LOG_DIR \(path) cannot be created: \(reason)" }

        /// `mkdir -p` with the system's words for a failure (`Permission denied`), which Foundation's
        /// `createDirectory` replaces with generic ones.
        static func makeFolder(_ path: String) throws {
            var current = path.hasPrefix("/") ? "" : "."
            for component in path.split(separator: "/") {
                current += "/" + component
                if mkdir(current, 0o755) != 0 && errno != EEXIST {
                    throw FolderError(path: path, reason: String(cString: strerror(errno)))
                }
            }
        }
    }

    public func handler(label: String, level: Logger.Level) -> LineLogHandler {
        LineLogHandler(label: label, logLevel: level, outputs: self)
    }

    /// Reopens every file (logrotate moved them away).
    public func reopen() {
        for target in targets { target.sink.reopen() }
    }

    func write(_ entry: LogEntry) {
        let line = format.line(entry)
        for target in targets where entry.level >= target.minimum { target.sink.write(line, level: entry.level) }
    }
}
