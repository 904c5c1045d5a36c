import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// `--log-file PATH`: the daemon's log, appended to a file that SIGHUP reopens, so logrotate can move
/// it away and the next line goes to a fresh file at the same path.
final class LogFile: Sendable {
    let path: String
    private let fd: Mutex<Int32>

    init(path: String) throws {
        self.path = path
        let opened = Self.open(path)
        guard opened >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        fd = Mutex(opened)
    }

    private static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }

    /// Reopens the path (SIGHUP); keeps the old file if the path cannot be opened.
    func reopen() {
        let fresh = Self.open(path)
        guard fresh >= 0 else { return }
        fd.withLock { current in
            close(current)
            current = fresh
        }
    }

    func write(_ line: String) {
        fd.withLock { writeAll(line, to: $0) }
    }
}

/// Lines in the same shape as swift-log's stream handler, written to a ``LogFile``.
struct FileLogHandler: LogHandler {
    let label: String
    let file: LogFile
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let pretty = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let stamp = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        file.write("\(stamp) \(event.level) \(label):\(pretty) \(event.message)\n")
    }
}
