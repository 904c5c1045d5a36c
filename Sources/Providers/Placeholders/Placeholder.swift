import FileSafety
import Foundation

/// The dry run (`APP_RENDER_DRY_RUN=1`) swaps every provider that makes media for one of these: each
/// writes a few lines of text under the real file name instead, so the whole pipeline — plans, status
/// files, the index, the state folders — runs in milliseconds a job, for bulk drills and benchmarks.
///
/// Placeholders are written atomically but without fsync: they are cheap to make again.
public enum Placeholder {
    /// The name every placeholder provider reports in `status.json`.
    public static let providerName = "dry-run"

    public static func write(_ text: String, to url: URL) throws {
        try AtomicFile.write(Data(text.utf8), to: url, durable: false)
    }
}
