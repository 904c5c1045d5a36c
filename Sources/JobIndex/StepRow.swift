import Foundation
import GRDB
import JobDocuments

/// A row of the `steps` table: one `JobStatus.StepRecord` of a job's last recorded status.
struct StepRow: Sendable {
    var jobId: String
    var name: String
    var state: String
    var startedAt: Date?
    var finishedAt: Date?
    var seconds: Double?
    var cached: Bool

    init(jobID: String, record: JobStatus.StepRecord) {
        jobId = jobID
        name = record.name.rawValue
        state = record.state.rawValue
        startedAt = record.startedAt
        finishedAt = record.finishedAt
        seconds = record.seconds
        cached = record.cached
    }

    static let insert = MultiRowInsert(
        table: "steps", columns: ["jobId", "name", "state", "startedAt", "finishedAt", "seconds", "cached"])

    /// The values for ``insert``, in its column order.
    var databaseValues: [DatabaseValue] {
        [jobId.databaseValue, name.databaseValue, state.databaseValue,
         StoredDate.databaseValue(startedAt), StoredDate.databaseValue(finishedAt),
         seconds.databaseValue, cached.databaseValue]
    }
}
