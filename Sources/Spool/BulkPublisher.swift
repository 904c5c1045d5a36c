import FileSafety
import Foundation
import JobDocuments
#if canImport(Glibc)
import Glibc
#endif

/// Publishes many new job folders with one flush per chunk instead of five fsyncs each, in the order
/// every transition keeps — status, index, rename:
/// 1. each folder is built under its staging name (`STATE/.claim-ID`) with plain writes, its status first;
/// 2. one `syncfs(2)` puts the chunk on disk;
/// 3. the index records the chunk's jobs, with the folder each is about to be in, in one transaction;
/// 4. each folder is renamed into place, and the state folders are synced once.
///
/// A burst of 10,000 files, or a 10,000-line batch, is then claimed in seconds. A crash before a rename
/// leaves a staging folder that ``FolderQueue/recoverAbandoned(_:)`` publishes at the next start.
struct BulkPublisher {
    /// Folders published per flush: large enough that flushes cost little, small enough that jobs of a
    /// big batch appear (and can start) while the rest is still being split.
    static let chunkSize = 50

    private struct Staged {
        var status: JobStatus
        var staging: URL
        var final: URL
        var state: SpoolLayout.StateFolder
        var undo: () -> Void
    }

    let layout: SpoolLayout
    /// Records statuses in the index (step 3); returns once they are written or the write failed.
    let index: ([(JobStatus, SpoolLayout.StateFolder)]) -> Void
    /// Forgets index records of jobs whose folder could not be published after all.
    let unindex: ([String]) -> Void
    private var staged: [Staged] = []
    private var published: [JobStatus] = []
    private var failures: [(id: String, error: any Error)] = []

    init(layout: SpoolLayout, index: @escaping ([(JobStatus, SpoolLayout.StateFolder)]) -> Void,
         unindex: @escaping ([String]) -> Void) {
        self.layout = layout
        self.index = index
        self.unindex = unindex
    }

    /// Builds one job folder under its staging name. `fill` writes the project; `undo` puts the input
    /// back if the folder cannot be published.
    mutating func stage(_ status: JobStatus, fill: (URL) throws -> Void, undo: @escaping () -> Void = {}) throws {
        let state = SpoolLayout.StateFolder(status.state)
        let staging = layout.stagingFolder(id: status.id, in: state)
        do {
            guard mkdir(staging.path, 0o755) == 0 || errno == EEXIST else { throw FileSystemError("cannot create \(staging.path)", errno) }
            // The status first: a staging folder with a project always has its status, so recovery
            // publishes it under its real source.
            try StatusFile.write(status, in: staging, durable: false)
            try fill(staging)
        } catch {
            undo()
            try? FileManager.default.removeItem(at: staging)
            throw error
        }
        staged.append(Staged(status: status, staging: staging, final: layout.jobFolder(id: status.id, in: state), state: state, undo: undo))
        if staged.count >= Self.chunkSize { publishStaged() }
    }

    /// Publishes what is still staged. Returns every job published since the start and the errors of
    /// those that were not (their inputs put back).
    mutating func publish() -> (jobs: [JobStatus], errors: [(id: String, error: any Error)]) {
        publishStaged()
        defer {
            published = []
            failures = []
        }
        return (published, failures)
    }

    private mutating func publishStaged() {
        defer { staged = [] }
        guard !staged.isEmpty else { return }
        Self.flush(layout.root)
        index(staged.map { ($0.status, $0.state) })
        var lost: [String] = []
        for item in staged {
            if rename(item.staging.path, item.final.path) == 0 {
                published.append(item.status)
            } else {
                let error = FileSystemError("cannot move \(item.staging.path) to \(item.final.path)", errno)
                item.undo()
                try? FileManager.default.removeItem(at: item.staging)
                failures.append((item.status.id, error))
                lost.append(item.status.id)
            }
        }
        if !lost.isEmpty { unindex(lost) }
        for state in Set(staged.map(\.state)) { AtomicFile.syncFolder(layout.folder(state)) }
        AtomicFile.syncFolder(layout.inbox)
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
