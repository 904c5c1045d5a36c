import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// stderr, the default (journald under systemd). When stderr is the journal's stream — systemd says so in
/// `JOURNAL_STREAM` (`DEVICE:INODE` of the stream it connected) — each line starts with its syslog
/// priority (`<3>` for errors, sd-daemon(3)), which journald strips and records, so `journalctl -p err`
/// finds the errors. Anywhere else lines are written as they are.
public final class StandardErrorSink: LogSink {
    let prefixesPriority: Bool
    private let lock = Mutex(())

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        prefixesPriority = Self.isJournal(environment["JOURNAL_STREAM"])
    }

    public func write(_ line: String, level: Logger.Level) {
        let text = prefixesPriority ? "<\(Self.priority(of: level))>" + line : line
        lock.withLock { _ in LogSinkWrite.all(Array(text.utf8), to: STDERR_FILENO) }
    }

    public func reopen() {}

    /// syslog(3) priorities.
    static func priority(of level: Logger.Level) -> Int {
        switch level {
        case .critical: 2
        case .error: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug, .trace: 7
        }
    }

    private static func isJournal(_ value: String?) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
