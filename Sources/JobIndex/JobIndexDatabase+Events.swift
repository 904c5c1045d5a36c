import Foundation
import GRDB
import JobDocuments

extension JobIndexDatabase {
    /// Appends an event to a job's log, in its own transaction.
    ///
    /// The job need not be recorded yet: events carry no foreign key, so a daemon may log before
    /// the first ``record(_:folder:)``. ``delete(id:)`` removes a job's events with it.
    ///
    /// - Parameters:
    ///   - jobID: the job the event is about.
    ///   - kind: what happened (``JobEventKind``).
    ///   - message: free text for people.
    ///   - at: when it happened; now by default. Stored to the millisecond.
    public func appendEvent(jobID: String, kind: JobEventKind, message: String, at: Date = Date()) throws {
        try writeTurn { db in
            try db.execute(
                sql: "INSERT INTO events (jobId, at, kind, message) VALUES (?, ?, ?, ?)",
                arguments: [jobID, at, kind.rawValue, message])
        }
    }

    /// The last `limit` events appended for a job, oldest first (the order they were appended in),
    /// ready to print as a log tail. Empty when the job has none.
    public func events(jobID: String, limit: Int) throws -> [JobEvent] {
        let newestFirst = try pool.read { db in
            try JobEvent
                .filter(JobEvent.Columns.jobID == jobID)
                .order(JobEvent.Columns.id.desc)
                .limit(max(0, limit))
                .fetchAll(db)
        }
        return newestFirst.reversed()
    }
}
