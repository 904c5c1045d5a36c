import Foundation
import GRDB

extension JobIndexDatabase {
    /// Marks a job purged: its folder was deleted from outside (cleanup by age, rule 10 of the spool
    /// contract). The row, its steps, artifacts and events stay, so `status JOB` can still say what
    /// became of it; ``counts()`` and ``jobs(state:limit:offset:includePurged:)`` leave it out.
    /// Recording the job again clears the mark.
    ///
    /// - Returns: true if the job was in the index.
    @discardableResult
    public func markPurged(id: String) throws -> Bool {
        try writeTurn { db in
            try db.execute(sql: "UPDATE jobs SET purged = 1 WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    /// Removes a job from the index entirely, in one transaction: its row, its steps and artifacts
    /// (by cascade) and its events.
    ///
    /// - Returns: true if the job had a row in the index.
    @discardableResult
    public func delete(id: String) throws -> Bool {
        try writeTurn { db in
            try db.execute(sql: "DELETE FROM events WHERE jobId = ?", arguments: [id])
            return try IndexedJob.deleteOne(db, key: id)
        }
    }

    /// Runs `PRAGMA integrity_check` and returns its report: `"ok"` when the database is sound,
    /// otherwise the problems SQLite found, one a line.
    public func integrityCheck() throws -> String {
        try pool.read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
        }
    }

    /// Copies the whole index, consistently, to a new database file at `destination` (SQLite's
    /// online backup; the daemon may keep writing meanwhile). An existing file there is overwritten.
    public func backup(to destination: String) throws {
        let target = try DatabaseQueue(path: destination)
        try pool.backup(to: target)
        try target.close()
    }
}
