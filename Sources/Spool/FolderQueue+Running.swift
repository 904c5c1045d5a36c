import FileSafety
import Foundation
import JobDocuments
import JobQueue

/// A running job's changes: in `running/ID` until it ends, then moved to `done/` or `failed/` (or back
/// to `queued/`).
extension FolderQueue: JobQueue {
    public func update(_ job: LeasedJob, status: JobStatus) async throws {
        let encoded = try StatusFile.encode(status)
        try StatusFile.write(encoded: encoded, in: job.folder)
        // Mirrored a moment later, many jobs in one transaction: steps inside a state folder need not
        // reach the index at once (moves between folders do, and are recorded immediately).
        index?.recordSoon(status, encoded: encoded, folder: SpoolLayout.StateFolder.running.rawValue)
    }

    public func log(_ job: LeasedJob, _ kind: JobEventKind, _ message: String) async {
        JobLog.append(kind, message, in: job.folder)
        event(job.id, kind, message)
    }

    public func isCancelRequested(_ job: LeasedJob) async -> Bool {
        job.files.exists(job.files.cancelRequest)
    }

    public func finish(_ job: LeasedJob, status: JobStatus, as outcome: JobOutcome) async throws -> JobStatus {
        var final = JobTransitions.finished(status, as: outcome, at: Date())
        final.fillArtifacts(from: job.files)
        let (kind, line) = Self.closingLine(final, outcome)
        JobLog.append(kind, line, in: job.folder)
        event(job.id, kind, line)
        try settle(job, final, to: SpoolLayout.StateFolder(final.state))
        JobMetrics.finished(final)
        return final
    }

    public func requeue(_ job: LeasedJob, status: JobStatus, reason: String) async throws -> JobStatus {
        var queued = JobTransitions.requeued(status, at: Date())
        queued.fillArtifacts(from: job.files)
        try settle(job, queued, to: .queued)
        let line = "back to the queue: \(reason); attempt \(queued.attempt) resumes at the first unfinished step"
        JobLog.append(.requeued, line, in: layout.jobFolder(id: job.id, in: .queued))
        event(job.id, .requeued, line)
        return queued
    }

    /// The last line of a run, in `job.log` and the index.
    private static func closingLine(_ status: JobStatus, _ outcome: JobOutcome) -> (JobEventKind, String) {
        switch outcome {
        case .done: (.done, "done")
        case .canceled(let step): (.canceled, "canceled\(step.map { " during \($0)" } ?? "")")
        case .failed(let error): (.error, "failed\(error.step.map { " at \($0)" } ?? ""): \(error.message)")
        }
    }

    /// The end of a run in the one order. A full disk may refuse the status write: the folder still
    /// moves (the job is not lost in `running/`), and the status is written again once it has.
    private func settle(_ job: LeasedJob, _ status: JobStatus, to state: SpoolLayout.StateFolder) throws {
        let destination = layout.jobFolder(id: job.id, in: state)
        var written = true
        let encoded = try StatusFile.encode(status)
        do {
            try StatusFile.write(encoded: encoded, in: job.folder)
        } catch {
            written = false
            logger.error("cannot write status: \(error)", metadata: ["job": "\(job.id)"])
        }
        record(status, encoded: encoded, as: state)
        try AtomicFile.move(job.folder, to: destination)
        noteWaiting([status])
        if !written { try StatusFile.write(encoded: encoded, in: destination) }
    }
}
