import Foundation
import GRDB
import JobDocuments

/// A row of the `jobs` table as written: the columns mirrored from one `JobStatus`, the folder it
/// was recorded in, and the encoded status document.
///
/// Written with multi-row `INSERT … ON CONFLICT(id) DO UPDATE` statements rather than GRDB's
/// record persistence: bulk claims write thousands of rows at once, and batched statements with
/// positional arguments are many times faster.
struct JobRow: Sendable {
    var id: String
    var source: String
    var state: String
    var step: String?
    var progress: Int
    var attempt: Int
    var priority: Int
    var folder: String
    var createdAt: Date
    var updatedAt: Date
    var startedAt: Date?
    var finishedAt: Date?
    var errorStep: String?
    var errorMessage: String?
    var errorRetryable: Bool?
    var costUsd: Double
    var statusJSON: String

    /// The row mirroring `status`, recorded in the state folder `folder`, with `status` encoded by
    /// `encoder` (one of `JobStatus.makeEncoder()`).
    init(status: JobStatus, folder: String, encoder: JSONEncoder) throws {
        self.init(status: status, folder: folder, statusJSON: String(decoding: try encoder.encode(status), as: UTF8.self))
    }

    /// The row mirroring `status`, whose encoded document is `statusJSON`.
    init(status: JobStatus, folder: String, statusJSON: String) {
        id = status.id
        source = status.source
        state = status.state.rawValue
        step = status.step?.rawValue
        progress = status.progress
        attempt = status.attempt
        priority = status.priority
        self.folder = folder
        createdAt = status.createdAt
        updatedAt = status.updatedAt
        startedAt = status.startedAt
        finishedAt = status.finishedAt
        errorStep = status.error?.step
        errorMessage = status.error?.message
        errorRetryable = status.error?.retryable
        costUsd = status.cost.actualUsd
        self.statusJSON = statusJSON
    }

    /// Inserts rows, or updates every column of the existing row with the same id. An update keeps
    /// the row (unlike `INSERT OR REPLACE`), so nothing cascades to its steps and artifacts.
    /// `purged` is always written as 0: a job being recorded has a folder.
    static let upsert: MultiRowInsert = {
        let columns = [
            "id", "source", "state", "step", "progress", "attempt", "priority", "folder",
            "createdAt", "updatedAt", "startedAt", "finishedAt",
            "errorStep", "errorMessage", "errorRetryable", "costUsd", "purged", "statusJSON",
        ]
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }
        return MultiRowInsert(table: "jobs", columns: columns,
                              suffix: "ON CONFLICT(id) DO UPDATE SET " + updates.joined(separator: ", "))
    }()

    /// The values for ``upsert``, in its column order.
    var databaseValues: [DatabaseValue] {
        [id.databaseValue, source.databaseValue, state.databaseValue, step.databaseValue,
         progress.databaseValue, attempt.databaseValue, priority.databaseValue, folder.databaseValue,
         StoredDate.databaseValue(createdAt), StoredDate.databaseValue(updatedAt),
         StoredDate.databaseValue(startedAt), StoredDate.databaseValue(finishedAt),
         errorStep.databaseValue, errorMessage.databaseValue, errorRetryable.databaseValue,
         costUsd.databaseValue, false.databaseValue, statusJSON.databaseValue]
    }
}
