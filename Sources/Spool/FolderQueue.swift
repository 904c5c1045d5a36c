import FileSafety
import Foundation
import JobDocuments
import JobIndex
import JobQueue
import Logging
import Synchronization

/// The spool's job queue: the one owner of every job's transitions in a spool — claims from the inbox,
/// start, progress, finish, requeue, cancel, retry, a folder returned to the inbox, and recovery. No
/// other code writes a `status.json` or moves a job folder.
///
/// Every transition keeps one order:
/// 1. the new status is written in the folder as it is now (atomically, durably; ``StatusFile``);
/// 2. the index records it with the state folder it is about to be in (``JobIndexDatabase``);
/// 3. the folder is renamed there (`rename(2)`, then the parent folder is synced).
///
/// A process killed between any two of these leaves the job where it was, with a status that says
/// what it was about to do, or moved with an index that already agrees; the next daemon's recovery
/// finishes or undoes what was interrupted (``recoverAbandoned(_:)``).
///
/// Folder-queue details callers do not see: the folder *is* the state (`queued/`, `running/`,
/// `done/`, `failed/`), and — because one daemon serves a spool (``SpoolLock``) — every job found in
/// `running/` when a daemon starts is orphaned.
///
/// The index is a mirror: when it cannot be written the transition still happens, a warning is
/// logged, and the next start (or `tiktok-ai reindex`) brings the index up to date with the folders.
public final class FolderQueue: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase?
    public let policy: RetryPolicy
    let logger: Logger
    /// True in the daemon that holds the spool's lock: a `CANCEL` in `running/` is then acted on here.
    let servesSpool: Bool
    let ids: JobIDAllocator
    /// Priorities and creation times of queued jobs already read, so listing the queue reads only the
    /// status files of jobs that are new to it.
    private let waiting = Mutex<[String: WaitingJob]>([:])

    public init(layout: SpoolLayout, index: JobIndexDatabase?, policy: RetryPolicy = RetryPolicy(),
                servesSpool: Bool = false, logger: Logger = Logger(label: "tiktok-ai.spool")) {
        self.layout = layout
        self.index = index
        self.policy = policy
        self.servesSpool = servesSpool
        self.logger = logger
        self.ids = JobIDAllocator(layout: layout, index: index)
    }

    /// The status of a job wherever its folder is; nil when it has none.
    public func status(of id: String) -> (status: JobStatus, folder: URL, state: SpoolLayout.StateFolder)? {
        guard let found = layout.locate(jobID: id), let status = try? StatusFile.read(in: found.folder) else { return nil }
        return (status, found.folder, found.state)
    }

    // MARK: The queue

    public func waitingJobs() async throws -> [WaitingJob] {
        let ids = layout.jobIDs(in: .queued)
        let known = waiting.withLock { $0 }
        var current: [String: WaitingJob] = [:]
        current.reserveCapacity(ids.count)
        for id in ids {
            if let entry = known[id] {
                current[id] = entry
            } else if let status = try? StatusFile.read(in: layout.jobFolder(id: id, in: .queued)) {
                current[id] = WaitingJob(id: id, priority: status.priority, createdAt: status.createdAt)
            } else {
                // Not readable yet (being written from outside): the oldest, so it is not starved.
                current[id] = WaitingJob(id: id, priority: 0, createdAt: .distantPast)
            }
        }
        waiting.withLock { $0 = current }
        return current.values.sorted()
    }

    /// Notes jobs this queue put in `queued/`, so listing it does not read their status files again.
    func noteWaiting(_ statuses: [JobStatus]) {
        let entries = statuses.filter { $0.state == .queued }.map(WaitingJob.init)
        guard !entries.isEmpty else { return }
        waiting.withLock { known in
            for entry in entries { known[entry.id] = entry }
        }
    }

    public func start(_ id: String) async throws -> LeasedJob? {
        let queued = layout.jobFolder(id: id, in: .queued)
        let running = layout.jobFolder(id: id, in: .running)
        waiting.withLock { _ = $0.removeValue(forKey: id) }
        // A folder without a readable status is still a job: it starts with a fresh one.
        let before = (try? StatusFile.read(in: queued)) ?? JobStatus(id: id, source: "unknown")
        var status = JobTransitions.started(before, at: Date())
        status.id = id
        do {
            try move(status, from: queued, to: running, state: .running)
        } catch {
            // Canceled or removed a moment ago: nothing to run. The index learns where it is instead.
            if let found = self.status(of: id) { record([(found.status, found.state)]) }
            logger.info("not started: \(error)", metadata: ["job": "\(id)"])
            return nil
        }
        return LeasedJob(id: id, folder: running, status: status)
    }

    // MARK: The one order

    /// Writes `status` in `folder`, records it in the index as in `state`, then renames `folder` to
    /// `destination`: the order every transition keeps (see the type's documentation).
    ///
    /// - Throws: the status write's error (nothing moved, nothing indexed), or the rename's (the index
    ///   is then told where the job still is).
    func move(_ status: JobStatus, from folder: URL, to destination: URL, state: SpoolLayout.StateFolder) throws {
        let encoded = try StatusFile.encode(status)
        try StatusFile.write(encoded: encoded, in: folder)
        record(status, encoded: encoded, as: state)
        do {
            try AtomicFile.move(folder, to: destination)
        } catch {
            if let found = self.status(of: status.id) { record([(found.status, found.state)]) }
            throw error
        }
        noteWaiting([status])
    }

    /// Records statuses in the index now, each as in its state folder. Failures are logged: the index
    /// is a mirror the next start repairs.
    func record(_ items: [(JobStatus, SpoolLayout.StateFolder)]) {
        guard let index, !items.isEmpty else { return }
        do {
            try index.recordMany(items.map { ($0.0, $0.1.rawValue) })
            ids.noteIndexed(items.map(\.0.id))
        } catch {
            logger.warning("index write failed: \(error) (the folders are right; `tiktok-ai reindex` catches the index up)")
        }
    }

    /// Records one status, already encoded for its file, in the index now.
    func record(_ status: JobStatus, encoded: Data, as state: SpoolLayout.StateFolder) {
        guard let index else { return }
        do {
            try index.record(status, encoded: encoded, folder: state.rawValue)
            ids.noteIndexed([status.id])
        } catch {
            logger.warning("index write failed: \(error) (the folders are right; `tiktok-ai reindex` catches the index up)")
        }
    }

    /// An event in the index, written with the next batch of deferred updates.
    func event(_ id: String, _ kind: JobEventKind, _ message: String) {
        index?.appendEventSoon(jobID: id, kind: kind, message: message)
    }
}
