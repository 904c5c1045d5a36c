import ArgumentParser
import Foundation
import Operations

/// `backup DEST`: a consistent copy of the index while the daemon keeps writing.
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
        let context = try await CommandContext.load(spool)
        let target = URL(filePath: destination, relativeTo: URL.currentDirectory()).standardizedFileURL
        do {
            print(try Backup.copyIndex(of: context.operations, to: target).path)
        } catch {
            CLIOutput.error("\(error)")
            throw ExitCode.failure
        }
    }
}
