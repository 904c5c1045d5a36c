import Foundation
import GRDB
import JobDocuments

/// One entry of a job's event log (the `events` table): what happened to the job, and when.
public struct JobEvent: Sendable, Hashable, Codable {
    /// Increases with every event appended to the index: the order events were appended in.
    public var id: Int64
    public var jobID: String
    /// The time given to ``JobIndexDatabase/appendEvent(jobID:kind:message:at:)`` (by default, the
    /// time of the call), stored to the millisecond.
    public var at: Date
    /// What happened (``JobEventKind``: `claimed`, `info`, `error`, `done`, `canceled`, `requeued`,
    /// `resumed`, `retry`, `purged`).
    public var kind: JobEventKind
    /// Free text for people.
    public var message: String

    enum CodingKeys: String, CodingKey {
        case id
        case jobID = "jobId"
        case at, kind, message
    }

    /// The columns of the `events` table, for GRDB requests.
    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let jobID = Column(CodingKeys.jobID)
        public static let at = Column(CodingKeys.at)
        public static let kind = Column(CodingKeys.kind)
        public static let message = Column(CodingKeys.message)
    }
}

extension JobEvent: FetchableRecord, TableRecord {
    public static let databaseTableName = "events"
}

/// Stored as its raw text in the `kind` column.
extension JobEventKind: DatabaseValueConvertible {}
