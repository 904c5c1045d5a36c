import FileSafety
import Foundation
import ProjectModel
#if canImport(Glibc)
import Glibc
#endif

/// Publishes many job folders with one flush per chunk instead of five fsyncs each: every folder is
/// built under its hidden staging name (`STATE/.claim-ID`) with plain writes, one `syncfs(2)` puts a
/// chunk on disk, and only then is each renamed into place; the state folders are synced once a chunk.
///
/// A burst of 10,000 files, or a 10,000-line batch, is then claimed in seconds. A crash before the
/// renames leaves staging folders that ``InboxClaimer/recoverStaging(now:)`` publishes at the next start.
struct BulkPublisher {
    let layout: SpoolLayout
    /// Folders published per flush: large enough that flushes cost little, small enough that jobs of a
    /// big batch appear (and can start) while the rest is still being split.
    static let chunkSize = 50
    private(set) var staged: [(job: ClaimedJob, staging: URL, final: URL, undo: () -> Void)] = []
    private var published: [ClaimedJob] = []
    private var failures: [(id: String, error: any Error)] = []

    init(layout: SpoolLayout) { self.layout = layout }

    /// Builds one job folder under its staging name. `fill` writes the project; `undo` puts the input
    /// back if the folder cannot be published.
    mutating func stage(status: JobStatus, project: ProjectFile?, fill: (URL) throws -> Void, undo: @escaping () -> Void = {}) throws {
        let stateFolder = layout.folder(for: status.state)
        let staging = stateFolder.appending(path: ".claim-\(status.id)", directoryHint: .isDirectory)
        do {
            guard mkdir(staging.path, 0o755) == 0 || errno == EEXIST else { throw FileSystemError("cannot create \(staging.path)", errno) }
            // The status first: a staging folder with a project always has its status, so recovery
            // publishes it under its real source (a batch split again then sees the line is taken).
            try StatusFile.write(status, in: staging, durable: false)
            try fill(staging)
        } catch {
            undo()
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        let final = stateFolder.appending(path: status.id, directoryHint: .isDirectory)
        staged.append((ClaimedJob(status: status, folder: final, project: project), staging, final, undo))
        if staged.count >= Self.chunkSize { publishStaged() }
    }

    /// Publishes what is still staged. Returns every job published since the start and the errors of
    /// those that were not (their inputs put back).
    mutating func publish() -> (jobs: [ClaimedJob], errors: [(id: String, error: any Error)]) {
        publishStaged()
        defer {
            published = []
            failures = []
        }
        return (published, failures)
    }

    /// One flush for the staged folders, then a rename each; the state folders are synced once.
    private mutating func publishStaged() {
        defer { staged = [] }
        guard !staged.isEmpty else { return }
        Self.flush(layout.root)
        for item in staged {
            if rename(item.staging.path, item.final.path) == 0 {
                published.append(item.job)
            } else {
                let error = FileSystemError("cannot move \(item.staging.path) to \(item.final.path)", errno)
                item.undo()
                try? FileManager.default.removeItem(at: item.staging)
                failures.append((item.job.id, error))
            }
        }
        for folder in [layout.inbox, layout.queued, layout.failed] { AtomicFile.syncFolder(folder) }
    }

    /// `syncfs(2)` on the spool's filesystem (not exported by the Glibc module, hence `dlsym`); `sync(2)`
    /// where it is missing.
    private static func flush(_ folder: URL) {
        typealias SyncFS = @convention(c) (Int32) -> Int32
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if fd >= 0 { close(fd) } }
        if fd >= 0, let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") {
            _ = unsafeBitCast(symbol, to: SyncFS.self)(fd)
        } else {
            sync()
        }
    }
}
