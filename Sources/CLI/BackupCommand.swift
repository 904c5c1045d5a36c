import ArgumentParser
import Foundation
import JobIndex
import Spool

/// `backup DEST`: a consistent copy of the index, taken with SQLite's online backup while the daemon
/// keeps writing. Restore: stop the daemon, copy it over `spool/index.sqlite` (removing
/// `index.sqlite-wal` and `-shm`), start it — or just run `tiktok-ai reindex`.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the index consistently to DEST (a file, or a folder to put a dated file in).",
        discussion: """
        Safe while the daemon runs. The copy is checked with PRAGMA integrity_check before its path is printed.
        Restore: stop the daemon, delete spool/index.sqlite-wal and -shm, copy the backup over \
        spool/index.sqlite, start the daemon (then `tiktok-ai reindex` brings it up to date with the folders).
        Exit codes: 0 written and checked; 1 no index, or the copy failed its check.
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The backup file, or an existing folder.") var destination: String

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        let index: JobIndexDatabase
        do {
            index = try JobIndexDatabase.openReadOnly(path: layout.indexFile.path)
        } catch {
            CLIOutput.error("\(error)")
            throw ExitCode.failure
        }
        var target = URL(filePath: destination, relativeTo: URL.currentDirectory()).standardizedFileURL
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory), isDirectory.boolValue {
            let stamp = Date().formatted(.verbatim("\(year: .defaultDigits)\(month: .twoDigits)\(day: .twoDigits)-\(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased))\(minute: .twoDigits)\(second: .twoDigits)",
                                                   timeZone: .gmt, calendar: Calendar(identifier: .gregorian)))
            target = target.appending(path: "index-\(stamp).sqlite")
        }
        // Written beside the target and renamed: a failed backup never replaces a good one.
        let partial = target.deletingLastPathComponent().appending(path: ".\(target.lastPathComponent).\(getpid()).partial")
        do {
            try index.backup(to: partial.path)
            let report = try JobIndexDatabase.openReadOnly(path: partial.path).integrityCheck()
            guard report == "ok" else {
                throw JobIndexError.incompatibleSchema(path: partial.path, reason: "integrity_check: \(report)")
            }
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
            if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
            try FileManager.default.moveItem(at: partial, to: target)
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial.path + suffix) }
            CLIOutput.error("backup failed: \(error)")
            throw ExitCode.failure
        }
        print(target.path)
    }
}
