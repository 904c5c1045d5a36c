import Foundation
import GRDB
import JobDocuments

extension JobIndexDatabase {
    /// The job with this id, purged or not; nil if the index has never recorded it (or it was
    /// deleted). A primary-key lookup and one status decode: about half a millisecond, whatever
    /// the size of the index.
    ///
    /// - Throws: ``JobIndexError/undecodableStatus(jobID:reason:)`` if its stored status does not
    ///   decode; a GRDB `DatabaseError` if SQLite fails.
    public func job(id: String) throws -> IndexedJob? {
        try pool.read { db in
            try IndexedJob.fetchOne(db, key: id)
        }
    }

    /// Jobs, newest first (by `createdAt`, then by id descending for equal times), paged by
    /// `limit` and `offset`.
    ///
    /// - Parameters:
    ///   - state: only jobs in this state; nil for every state.
    ///   - limit: at most this many jobs (values below 0 are treated as 0).
    ///   - offset: skip this many jobs first.
    ///   - includePurged: also list jobs whose folders were deleted; false by default, like
    ///     ``counts()``.
    public func jobs(state: JobState? = nil, limit: Int = 100, offset: Int = 0,
                     includePurged: Bool = false) throws -> [IndexedJob] {
        try pool.read { db in
            var request = IndexedJob.all()
            if let state {
                request = request.filter(IndexedJob.Columns.state == state.rawValue)
            }
            if !includePurged {
                request = request.filter(IndexedJob.Columns.purged == false)
            }
            return try request
                .order(IndexedJob.Columns.createdAt.desc, IndexedJob.Columns.id.desc)
                .limit(max(0, limit), offset: max(0, offset))
                .fetchAll(db)
        }
    }

    /// The number of jobs in each state, purged jobs excluded. Every state is present in the
    /// result, with 0 when no job is in it.
    public func counts() throws -> [JobState: Int] {
        // One statement, one snapshot: no transaction needed around it.
        let rows = try pool.unsafeRead { db in
            // Served by the partial index jobs_live_on_state alone; a cached statement because
            // `/api/health` asks for it on every poll.
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT state, COUNT(*) AS count FROM jobs WHERE purged = 0 GROUP BY state
                """))
        }
        var counts = Dictionary(uniqueKeysWithValues: JobState.allCases.map { ($0, 0) })
        for row in rows {
            let stateText: String = try row.decode(forColumn: "state")
            if let state = JobState(rawValue: stateText) {
                counts[state] = try row.decode(forColumn: "count")
            }
        }
        return counts
    }

    /// True if the index has a row for this id, purged or not (rule 4 of the spool contract: an id
    /// known to the index is taken).
    public func containsJob(id: String) throws -> Bool {
        try pool.read { db in
            try IndexedJob.exists(db, key: id)
        }
    }

    /// The ids of every job in the index, purged or not.
    public func allJobIDs() throws -> Set<String> {
        try pool.read { db in
            try Set(String.fetchCursor(db, IndexedJob.all().select(IndexedJob.Columns.id)))
        }
    }
}
