import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A log file appended to and reopened on demand (SIGHUP), so logrotate can move it away and the next
/// line goes to a fresh file at the same path. Each line is one `write(2)` under a lock, with
/// `O_APPEND`, so lines from many tasks never interleave.
public final class LogFile: LogSink {
    public let path: String
    private let fd: Mutex<Int32>

    /// Opens (creating with mode 0644) `path` for appending; throws when it cannot be opened.
    public init(path: String) throws {
        self.path = path
        let opened = Self.open(path)
        guard opened >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path,
                                                                NSLocalizedDescriptionKey: "cannot open \(path) for writing: \(String(cString: strerror(errno)))"])
        }
        fd = Mutex(opened)
    }

    deinit { fd.withLock { _ = close($0) } }

    private static func open(_ path: String) -> Int32 {
        Glibc.open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
    }

    /// Reopens the path; keeps the old file if the path cannot be opened.
    public func reopen() {
        let fresh = Self.open(path)
        guard fresh >= 0 else { return }
        fd.withLock { current in
            close(current)
            current = fresh
        }
    }

    public func write(_ line: String, level: Logger.Level) {
        fd.withLock { LogSinkWrite.all(Array(line.utf8), to: $0) }
    }
}
