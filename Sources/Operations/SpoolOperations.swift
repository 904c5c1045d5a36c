import Foundation
import JobDocuments
import JobIndex
import JobQueue
import Spool

/// What an operator asks of a spool — status, list, cancel, retry, cleanup, reindex, backup — the same
/// for the CLI and the HTTP API. Reads come from the folders (the truth) and the index (the fast
/// mirror); every change goes through the spool's queue (``FolderQueue``), the one owner of job state.
///
/// It knows nothing of the pipeline: it works whether or not a daemon runs, beside one, or from
/// another process.
public struct SpoolOperations: Sendable {
    public let layout: SpoolLayout
    public let queue: FolderQueue

    public init(queue: FolderQueue) {
        self.queue = queue
        self.layout = queue.layout
    }

    /// Opens the spool at `root` for operations from a command: the index when there is one (the
    /// folders stay the truth; the daemon or `reindex` builds it), no lock.
    public static func open(spool root: URL) -> SpoolOperations {
        let layout = SpoolLayout(root: root)
        let index = FileManager.default.fileExists(atPath: layout.indexFile.path) ? try? JobIndexDatabase(path: layout.indexFile.path) : nil
        return SpoolOperations(queue: FolderQueue(layout: layout, index: index))
    }

    // MARK: Reading

    /// A job's status: the status file in its folder is the truth; the index says where it is when the
    /// folder is between state folders at that instant.
    public func status(of id: String) -> JobStatus? {
        // The folder first: reading it costs no database open, so a script polling `status JOB` beside a
        // busy daemon gets its answer in the time the process takes to start.
        if let found = queue.status(of: id) { return found.status }
        if let index = reader, let job = try? index.job(id: id),
           let state = SpoolLayout.StateFolder(rawValue: job.folder),
           let status = try? StatusFile.read(in: layout.jobFolder(id: id, in: state)) {
            return status
        }
        return queue.status(of: id)?.status
    }

    /// The index's last word on a job whose folder was removed (cleanup by age), if it was.
    public func purgedJob(_ id: String) -> IndexedJob? {
        guard let job = try? reader?.job(id: id), job.purged else { return nil }
        return job
    }

    /// Jobs in each state, the inbox's waiting files, and the pause flag.
    public func counts() -> SpoolCounts {
        var counts: [JobState: Int] = [:]
        if let indexed = try? reader?.counts() {
            counts = indexed
        } else {
            // No index yet: count the folders (canceled jobs are in failed/, counted there).
            counts = [.queued: layout.jobIDs(in: .queued).count, .running: layout.jobIDs(in: .running).count,
                      .done: layout.jobIDs(in: .done).count, .failed: layout.jobIDs(in: .failed).count]
        }
        let inbox = ((try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? []).filter { InboxNaming.kind(of: $0) != nil }.count
        return SpoolCounts(queued: counts[.queued] ?? 0, running: counts[.running] ?? 0, done: counts[.done] ?? 0,
                           failed: counts[.failed] ?? 0, canceled: counts[.canceled] ?? 0, inbox: inbox, paused: layout.isPaused)
    }

    /// The index's ``JobIndexDatabase/writeCount``: unchanged means this process has not written the
    /// index since. Nil when this process holds no index of its own (then a reader opens one per call
    /// and sees other processes' writes only).
    public var indexWriteCount: UInt64? { queue.index?.writeCount }

    /// Jobs in each state as the index counts them; throws when the index cannot be read (the health check).
    public func indexCounts() throws -> [JobState: Int] {
        guard let index = reader else { throw OperationError.noIndex(layout.indexFile.path) }
        return try index.counts()
    }

    /// Jobs, newest first, from the index.
    ///
    /// - Throws: ``OperationError/noIndex(_:)`` when the spool has no index yet.
    public func list(state: JobState? = nil, limit: Int = 100, offset: Int = 0) throws -> [JobSummary] {
        guard let index = reader else { throw OperationError.noIndex(layout.indexFile.path) }
        return try index.listing(state: state, limit: limit, offset: offset).map { JobSummary($0) }
    }

    /// The last `limit` events of a job, oldest first.
    public func events(of id: String, limit: Int = 50) -> [JobEvent] {
        (try? reader?.events(jobID: id, limit: limit)) ?? []
    }

    /// The index to read from: the one this process has open (the daemon's, which serves the HTTP API:
    /// no open per request), else the file opened for reading only.
    private var reader: JobIndexDatabase? { queue.index ?? Self.readIndex(layout) }

    /// The index opened for reading only, as beside a running daemon; nil when there is none.
    static func readIndex(_ layout: SpoolLayout) -> JobIndexDatabase? {
        try? JobIndexDatabase.openReadOnly(path: layout.indexFile.path)
    }

    // MARK: Changing

    /// Queues a project (`NAME.json`) or a batch (`NAME.jsonl`) through the inbox's own claim, so its
    /// rules and errors are the same: an invalid project is refused and nothing is queued; a batch's
    /// bad lines become failed jobs with their reason.
    ///
    /// - Throws: ``SubmitError``, or the spool's error when the claim cannot be written.
    public func submit(_ data: Data, named name: String) throws -> [JobStatus] {
        guard let kind = InboxNaming.kind(of: name) else { throw SubmitError.badName(name) }
        if kind == .project, case .bad(let reason) = InboxJudge.judge(data) { throw SubmitError.invalidProject(name: name, reason: reason) }
        return try queue.submit(data, named: name)
    }

    public func cancel(_ id: String) async throws -> CancelOutcome { try await queue.cancel(id: id) }

    public func retry(_ id: String, from step: PipelineStep? = nil) async throws -> JobStatus {
        try await queue.retry(id: id, from: step)
    }

    /// Every status.json recorded again, and jobs whose folders are gone marked purged.
    public func reindex() throws -> IndexRebuilder.Report {
        if !FileManager.default.fileExists(atPath: layout.indexFile.path), let pid = SpoolLock.holder(of: layout) {
            throw OperationError.deletedIndexInUse(pid: pid)
        }
        try layout.create()
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        defer { try? index.close() }
        return try IndexRebuilder(layout: layout, index: index).rebuild()
    }
}

/// Why a submitted file was refused.
public enum SubmitError: Error, CustomStringConvertible, Sendable, Equatable {
    case badName(String)
    case invalidProject(name: String, reason: String)

    public var description: String {
        switch self {
        case .badName(let name): "\(name): a project file ends in .json, a batch in .jsonl"
        case .invalidProject(let name, let reason): "\(name): \(reason)"
        }
    }
}

/// Why an operation could not be done.
public enum OperationError: Error, CustomStringConvertible, Sendable, Equatable {
    case noIndex(String)
    case deletedIndexInUse(pid: Int32)
    case backupFailed(String)

    public var description: String {
        switch self {
        case .noIndex(let path): "no index at \(path) yet (start `serve` or `run --once`, or run `tiktok-ai reindex`)"
        case .deletedIndexInUse(let pid):
            "the daemon (pid \(pid)) is running with a deleted index; stop it, run `tiktok-ai reindex`, then start it again"
        case .backupFailed(let reason): "backup failed: \(reason)"
        }
    }
}
