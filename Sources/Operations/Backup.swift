import Foundation
import JobIndex
#if canImport(Glibc)
import Glibc
#endif

/// `backup DEST`: a consistent copy of the index, taken with SQLite's online backup while the daemon
/// keeps writing, checked with `PRAGMA integrity_check` before it replaces anything.
public enum Backup {
    /// Copies the index of `operations`' spool to `destination` (a file, or an existing folder to put
    /// `index-YYYYMMDD-HHMMSS.sqlite` in) and returns the file written.
    public static func copyIndex(of operations: SpoolOperations, to destination: URL, now: Date = Date()) throws -> URL {
        let index: JobIndexDatabase
        do {
            index = try JobIndexDatabase.openReadOnly(path: operations.layout.indexFile.path)
        } catch {
            throw OperationError.backupFailed("\(error)")
        }
        var target = destination
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let stamp = now.formatted(.verbatim("\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)-\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)",
                                                timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
            target = target.appending(path: "index-\(stamp).sqlite")
        }
        // Written beside the target and renamed: a failed backup never replaces a good one.
        let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).\(getpid()).partial")
        do {
            try index.backup(to: partial.path)
            let report = try JobIndexDatabase.openReadOnly(path: partial.path).integrityCheck()
            guard report == "ok" else { throw OperationError.backupFailed("integrity_check: \(report)") }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: partial, to: target)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
            if let error = error as? OperationError { throw error }
            throw OperationError.backupFailed("\(error)")
        }
        return target
    }
}
