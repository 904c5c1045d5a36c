import Foundation
import GRDB
import JobDocuments

/// A `jobs` row without its status document: what a listing shows (`list`, `GET /api/run`), read
/// from the columns alone so that a page of jobs costs no JSON decoding.
///
/// The columns are written by the same ``JobIndexDatabase/record(_:folder:)`` call as the document,
/// so they say what ``IndexedJob/status`` would.
public struct JobListingRow: Sendable, Hashable, FetchableRecord {
    public var id: String
    public var source: String
    public var state: JobState
    public var step: PipelineStep?
    public var progress: Int
    public var attempt: Int
    public var priority: Int
    public var folder: String
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    public var error: JobStatus.JobError?

    typealias Columns = IndexedJob.Columns

    /// The columns read: everything but `statusJSON`.
    static let selectedColumns = """
        id, source, state, step, progress, attempt, priority, folder, createdAt, updatedAt, finishedAt, \
        errorStep, errorMessage, errorRetryable
        """

    /// - Throws: ``JobIndexError/undecodableStatus(jobID:reason:)`` for a state or step this build does not know.
    public init(row: Row) throws {
        id = try row.decode(forColumn: Columns.id)
        let stateText: String = try row.decode(forColumn: Columns.state)
        guard let state = JobState(rawValue: stateText) else {
            throw JobIndexError.undecodableStatus(jobID: id, reason: "unknown state \(stateText)")
        }
        self.state = state
        let stepText: String? = try row.decode(forColumn: Columns.step)
        if let stepText {
            guard let step = PipelineStep(rawValue: stepText) else {
                throw JobIndexError.undecodableStatus(jobID: id, reason: "unknown step \(stepText)")
            }
            self.step = step
        }
        source = try row.decode(forColumn: Columns.source)
        progress = try row.decode(forColumn: Columns.progress)
        attempt = try row.decode(forColumn: Columns.attempt)
        priority = try row.decode(forColumn: Columns.priority)
        folder = try row.decode(forColumn: Columns.folder)
        createdAt = try row.decode(forColumn: Columns.createdAt)
        updatedAt = try row.decode(forColumn: Columns.updatedAt)
        finishedAt = try row.decode(forColumn: Columns.finishedAt)
        let message: String? = try row.decode(forColumn: Columns.errorMessage)
        if let message {
            let retryable: Bool? = try row.decode(forColumn: Columns.errorRetryable)
            error = .init(step: try row.decode(forColumn: Columns.errorStep), message: message, retryable: retryable ?? false)
        }
    }
}

extension JobIndexDatabase {
    /// A page of jobs for a listing, newest first, purged ones left out: the columns only.
    public func listing(state: JobState? = nil, limit: Int = 100, offset: Int = 0) throws -> [JobListingRow] {
        // Two fixed statements, prepared once per connection: a dashboard polls this every second, and
        // parsing the SQL again was a fifth of the daemon's CPU under such a load.
        let stateFilter = state == nil ? "" : "AND state = ? "
        let sql = """
            SELECT \(JobListingRow.selectedColumns) FROM jobs WHERE purged = 0 \(stateFilter)\
            ORDER BY createdAt DESC, id DESC LIMIT ? OFFSET ?
            """
        var arguments: StatementArguments = state.map { [$0.rawValue] } ?? []
        arguments += [max(0, limit), max(0, offset)]
        // One statement sees one snapshot by itself, so no transaction around it (its BEGIN and
        // COMMIT cost as much as the query).
        return try pool.unsafeRead { db in
            try SQLRequest<JobListingRow>(sql: sql, arguments: arguments, cached: true).fetchAll(db)
        }
    }
}
