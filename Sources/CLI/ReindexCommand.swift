import ArgumentParser
import Foundation
import JobIndex
import Pipeline
import Spool

/// `reindex`: rebuilds `index.sqlite` from the job folders alone.
struct ReindexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reindex",
        abstract: "Rebuild the index from the job folders (after losing or restoring index.sqlite).",
        discussion: """
        Every status.json in queued/, running/, done/ and failed/ is recorded; jobs the index knows whose \
        folders are gone are marked purged. Safe beside a running daemon while index.sqlite exists; if it \
        was deleted, stop the daemon first (it still writes to the deleted file).
        Exit codes: 0 rebuilt; 1 the index cannot be written.
        """)

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Print the report as one JSON object: indexed (per folder), purged, unreadable.") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        if !FileManager.default.fileExists(atPath: layout.indexFile.path), let pid = SpoolLock.holder(of: layout) {
            CLIOutput.error("the daemon (pid \(pid)) is running with a deleted index; stop it, run `tiktok-ai reindex`, then start it again")
            throw ExitCode.failure
        }
        try layout.create()
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        let report = try IndexRebuilder(layout: layout, index: index).rebuild()
        if json {
            CLIOutput.json(["indexed": report.indexed, "purged": report.purged, "unreadable": report.unreadable])
            return
        }
        let total = report.indexed.values.reduce(0, +)
        let parts = SpoolLayout.stateFolderNames.map { "\($0) \(report.indexed[$0] ?? 0)" }.joined(separator: ", ")
        print("indexed \(total) jobs (\(parts)); marked \(report.purged.count) purged")
        for entry in report.unreadable {
            CLIOutput.error("\(entry): status.json is missing or unreadable; not indexed")
        }
    }
}
