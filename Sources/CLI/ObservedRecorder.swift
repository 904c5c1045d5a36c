import JobDocuments
import JobQueue

/// A job's recorder that also tells `onChange` every status it records: how `render`'s terminal
/// display sees the job without the pipeline knowing there is one.
struct ObservedRecorder: JobRecorder {
    let base: any JobRecorder
    let onChange: @Sendable (JobStatus) -> Void

    func update(_ job: LeasedJob, status: JobStatus) async throws {
        try await base.update(job, status: status)
        onChange(status)
    }

    func log(_ job: LeasedJob, _ kind: JobEventKind, _ message: String) async {
        await base.log(job, kind, message)
    }

    func isCancelRequested(_ job: LeasedJob) async -> Bool {
        await base.isCancelRequested(job)
    }

    func finish(_ job: LeasedJob, status: JobStatus, as outcome: JobOutcome) async throws -> JobStatus {
        let final = try await base.finish(job, status: status, as: outcome)
        onChange(final)
        return final
    }

    func requeue(_ job: LeasedJob, status: JobStatus, reason: String) async throws -> JobStatus {
        let waiting = try await base.requeue(job, status: status, reason: reason)
        onChange(waiting)
        return waiting
    }
}
