import Foundation
import JobDocuments

/// A job queue held in memory, for tests and tools: the same transitions as every queue
/// (``JobTransitions``), no index, no state folders. Each job's files live in `root/ID/`, because the
/// pipeline's steps read and write files.
///
/// "Abandoned" here means "leased when ``recoverAbandoned(_:)`` is called": a new process would hold
/// no leases, so a test simulates a crash by recovering while jobs run.
public actor MemoryJobQueue: JobQueue {
    private struct Entry {
        var status: JobStatus
        var leased = false
        var cancelRequested = false
        var log: [(kind: JobEventKind, message: String)] = []
        /// Every status recorded, oldest first.
        var history: [JobStatus] = []
    }

    public let root: URL
    private var entries: [String: Entry] = [:]
    private let now: @Sendable () -> Date

    public init(root: URL, now: @escaping @Sendable () -> Date = { Date() }) {
        self.root = root
        self.now = now
    }

    /// Adds a queued job whose `project.json` holds `project`.
    @discardableResult
    public func submit(id: String, project: Data, priority: Int = 0) throws -> JobStatus {
        let folder = root.appending(path: id, directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try project.write(to: JobFiles(folder: folder).project)
        let status = JobTransitions.claimed(id: id, source: "\(id).json", priority: priority, refusal: nil, at: now())
        record(status, for: id)
        return status
    }

    /// The job's status as last recorded.
    public func status(of id: String) -> JobStatus? { entries[id]?.status }

    /// Every status recorded for the job, oldest first.
    public func history(of id: String) -> [JobStatus] { entries[id]?.history ?? [] }

    /// The job's log lines, oldest first.
    public func logLines(of id: String) -> [String] { entries[id]?.log.map { "\($0.kind) \($0.message)" } ?? [] }

    private func record(_ status: JobStatus, for id: String) {
        var entry = entries[id] ?? Entry(status: status)
        entry.status = status
        entry.history.append(status)
        entries[id] = entry
    }

    private func folder(_ id: String) -> URL { root.appending(path: id, directoryHint: .isDirectory) }

    // MARK: JobQueue

    public func waitingJobs() -> [WaitingJob] {
        entries.values.filter { $0.status.state == .queued && !$0.leased }.map { WaitingJob($0.status) }.sorted()
    }

    public func start(_ id: String) -> LeasedJob? {
        guard let entry = entries[id], entry.status.state == .queued, !entry.leased else { return nil }
        let status = JobTransitions.started(entry.status, at: now())
        record(status, for: id)
        entries[id]?.leased = true
        return LeasedJob(id: id, folder: folder(id), status: status)
    }

    public func update(_ job: LeasedJob, status: JobStatus) {
        record(status, for: job.id)
    }

    public func log(_ job: LeasedJob, _ kind: JobEventKind, _ message: String) {
        entries[job.id]?.log.append((kind, message))
    }

    public func isCancelRequested(_ job: LeasedJob) -> Bool { entries[job.id]?.cancelRequested ?? false }

    public func finish(_ job: LeasedJob, status: JobStatus, as outcome: JobOutcome) -> JobStatus {
        var final = JobTransitions.finished(status, as: outcome, at: now())
        final.fillArtifacts(from: job.files)
        record(final, for: job.id)
        entries[job.id]?.leased = false
        entries[job.id]?.cancelRequested = false
        return final
    }

    public func requeue(_ job: LeasedJob, status: JobStatus, reason: String) -> JobStatus {
        let queued = JobTransitions.requeued(status, at: now())
        record(queued, for: job.id)
        entries[job.id]?.leased = false
        entries[job.id]?.log.append((.requeued, reason))
        return queued
    }

    public func cancel(id: String) throws -> CancelOutcome {
        guard let entry = entries[id] else { throw JobQueueError.notFound(id) }
        if entry.status.state.isFinal { return .alreadyFinished(entry.status) }
        if entry.leased {
            entries[id]?.cancelRequested = true
            return .requested(entry.status)
        }
        let canceled = JobTransitions.canceledWhileWaiting(entry.status, at: now())
        record(canceled, for: id)
        return .canceled(canceled)
    }

    public func retry(id: String, from step: PipelineStep?) throws -> JobStatus {
        guard let entry = entries[id] else { throw JobQueueError.notFound(id) }
        guard entry.status.state == .failed || entry.status.state == .canceled else {
            throw JobQueueError.notRetryable(id: id, state: entry.status.state)
        }
        let files = JobFiles(folder: folder(id))
        if let step { try step.removeOutputs(fromHereOn: files) }
        var status = JobTransitions.retried(entry.status, from: step, at: now())
        status.fillArtifacts(from: files)
        record(status, for: id)
        return status
    }

    public func recoverAbandoned(_ context: RecoveryContext) -> [RecoveredJob] {
        var recovered: [RecoveredJob] = []
        for (id, entry) in entries.sorted(by: { $0.key < $1.key }) where entry.leased {
            let status = JobTransitions.recovered(entry.status, previousCrashSignal: context.previousCrashSignal,
                                                  signalName: context.previousCrashSignal.map { "signal \($0)" } ?? "",
                                                  policy: context.policy, at: now())
            record(status, for: id)
            entries[id]?.leased = false
            recovered.append(RecoveredJob(status: status, wasBeingClaimed: false))
        }
        return recovered
    }
}
