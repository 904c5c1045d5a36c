import Foundation
import GRDB
import JobDocuments

/// One job as the index knows it: the columns of its `jobs` row and the decoded status document.
///
/// The columns and ``status`` come from the same ``JobIndexDatabase/record(_:folder:)`` call, so
/// they always agree; ``statusJSON`` is that document exactly as it was stored: encoded with
/// `JobStatus.makeEncoder()`, byte for byte what `status.json` holds but for its final newline, so
/// `print(job.statusJSON)` reproduces the file.
public struct IndexedJob: Sendable, Hashable {
    public var id: String
    /// The file name the job came from, as dropped.
    public var source: String
    public var state: JobState
    public var step: PipelineStep?
    public var progress: Int
    public var attempt: Int
    public var priority: Int
    /// The state folder (`queued`, `running`, `done`, `failed`) the job was in when last recorded.
    public var folder: String
    public var createdAt: Date
    public var updatedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var errorStep: String?
    public var errorMessage: String?
    public var errorRetryable: Bool?
    public var costUsd: Double
    /// True once the job's folder was found deleted from outside (cleanup by age).
    public var purged: Bool
    /// The status document as last recorded.
    public var statusJSON: String
    /// ``statusJSON`` decoded with `JobStatus.makeDecoder()`.
    public var status: JobStatus
}

extension IndexedJob: FetchableRecord, TableRecord {
    public static let databaseTableName = "jobs"

    /// The columns of the `jobs` table, for GRDB requests.
    public enum Columns {
        public static let id = Column("id")
        public static let source = Column("source")
        public static let state = Column("state")
        public static let step = Column("step")
        public static let progress = Column("progress")
        public static let attempt = Column("attempt")
        public static let priority = Column("priority")
        public static let folder = Column("folder")
        public static let createdAt = Column("createdAt")
        public static let updatedAt = Column("updatedAt")
        public static let startedAt = Column("startedAt")
        public static let finishedAt = Column("finishedAt")
        public static let errorStep = Column("errorStep")
        public static let errorMessage = Column("errorMessage")
        public static let errorRetryable = Column("errorRetryable")
        public static let costUsd = Column("costUsd")
        public static let purged = Column("purged")
        public static let statusJSON = Column("statusJSON")
    }

    /// Decodes a full `jobs` row.
    ///
    /// - Throws: ``JobIndexError/undecodableStatus(jobID:reason:)`` if `statusJSON`, `state` or
    ///   `step` do not decode; a GRDB error if a column is missing or of the wrong type.
    public init(row: Row) throws {
        // The listing's columns, decoded (and checked) in one place.
        let listed = try JobListingRow(row: row)
        id = listed.id
        state = listed.state
        step = listed.step
        source = listed.source
        progress = listed.progress
        attempt = listed.attempt
        priority = listed.priority
        folder = listed.folder
        createdAt = listed.createdAt
        updatedAt = listed.updatedAt
        finishedAt = listed.finishedAt
        startedAt = try row.decode(forColumn: Columns.startedAt)
        errorStep = try row.decode(forColumn: Columns.errorStep)
        errorMessage = try row.decode(forColumn: Columns.errorMessage)
        errorRetryable = try row.decode(forColumn: Columns.errorRetryable)
        costUsd = try row.decode(forColumn: Columns.costUsd)
        purged = try row.decode(forColumn: Columns.purged)
        statusJSON = try row.decode(forColumn: Columns.statusJSON)
        do {
            status = try JobStatus.makeDecoder().decode(JobStatus.self, from: Data(statusJSON.utf8))
        } catch {
            throw JobIndexError.undecodableStatus(jobID: id, reason: String(describing: error))
        }
    }
}
