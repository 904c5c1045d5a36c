import FileSafety
import Foundation
import JobDocuments
import JobQueue

/// One job folder outside any spool (`render FILE --out DIR`): the owner of its transitions, as
/// ``FolderQueue`` is for a spool's jobs, but nothing moves — the folder is the job's home from start to
/// end, and there is no index.
public struct DetachedJobFolder: JobRecorder {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// Starts (or resumes) the job in the folder: its status says running, with the steps an earlier
    /// run finished kept so they are reused.
    public func begin(id: String, source: String) throws -> LeasedJob {
        let before = (try? StatusFile.read(in: folder)) ?? JobStatus(id: id, source: source)
        let status = JobTransitions.started(before, at: Date())
        try StatusFile.write(status, in: folder)
        return LeasedJob(id: status.id, folder: folder, status: status)
    }

    public func update(_ job: LeasedJob, status: JobStatus) async throws {
        try StatusFile.write(status, in: folder)
    }

    public func log(_ job: LeasedJob, _ kind: JobEventKind, _ message: String) async {
        JobLog.append(kind, message, in: folder)
    }

    public func isCancelRequested(_ job: LeasedJob) async -> Bool {
        job.files.exists(job.files.cancelRequest)
    }

    public func finish(_ job: LeasedJob, status: JobStatus, as outcome: JobOutcome) async throws -> JobStatus {
        var final = JobTransitions.finished(status, as: outcome, at: Date())
        final.fillArtifacts(from: job.files)
        try StatusFile.write(final, in: folder)
        return final
    }

    /// A detached job has no queue to go back to: it ends canceled, and resumes when run again.
    public func requeue(_ job: LeasedJob, status: JobStatus, reason: String) async throws -> JobStatus {
        try await finish(job, status: status, as: .canceled(step: status.step?.rawValue))
    }
}
