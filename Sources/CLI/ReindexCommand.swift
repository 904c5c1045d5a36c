import ArgumentParser
import Foundation
import Operations
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
        --json prints one object: indexed (per folder), purged, unreadable.
        Exit codes: 0 rebuilt; 1 the index cannot be written.
        """)

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Print the report as one JSON object.") var json = false

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let report: IndexRebuilder.Report
        do {
            report = try context.operations.reindex()
        } catch {
            CLIOutput.error("\(error)")
            throw ExitCode.failure
        }
        if json {
            CLIOutput.json(report)
            return
        }
        let total = report.indexed.values.reduce(0, +)
        let parts = SpoolLayout.StateFolder.allCases.map { "\($0.rawValue) \(report.indexed[$0.rawValue] ?? 0)" }.joined(separator: ", ")
        print("indexed \(total) jobs (\(parts)); marked \(report.purged.count) purged")
        for entry in report.unreadable {
            CLIOutput.error("\(entry): status.json is missing or unreadable; not indexed")
        }
    }
}
