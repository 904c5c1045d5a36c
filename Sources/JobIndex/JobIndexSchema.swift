import GRDB

/// The index schema, created and upgraded by a `DatabaseMigrator`.
///
/// Migrations are append-only: a released migration is never edited, a change to the schema is a new
/// migration ("v2", …). The index is a rebuildable mirror of the spool folders, so a migration may
/// also drop and rebuild data, but it must never need the folders to succeed.
enum JobIndexSchema {
    /// A migrator holding every migration of the index.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: createV1)
        migrator.registerMigration("v2", migrate: createV2)
        return migrator
    }

    /// Schema v1: `jobs`, `steps`, `artifacts` and `events`.
    ///
    /// - `jobs`: one row per job ever indexed, purged or not. The columns mirror `status.json` for
    ///   filtering and sorting; `statusJSON` holds the whole document as last recorded, so a reader
    ///   can print exactly it. `folder` is the state folder (`queued`, `running`, `done`, `failed`)
    ///   the job was in when recorded; `purged` is set once its folder was found deleted.
    /// - `steps` and `artifacts`: one row per step record and per artifact path of the job's last
    ///   recorded status, deleted with the job (foreign key, `ON DELETE CASCADE`).
    /// - `events`: an append-only log per job. Events carry no foreign key, so they can be written
    ///   before the job is first recorded; ``JobIndexDatabase/delete(id:)`` removes them explicitly.
    ///
    /// Dates are UTC text `YYYY-MM-DD HH:MM:SS.SSS` (GRDB's format, see `StoredDate`): they sort as
    /// text and compare with SQLite's `datetime(…)`, e.g. `createdAt < datetime('now', '-30 days')`.
    private static func createV1(_ db: Database) throws {
        try db.create(table: "jobs") { t in
            t.primaryKey("id", .text)
            t.column("source", .text).notNull()
            t.column("state", .text).notNull()
            t.column("step", .text)
            t.column("progress", .integer).notNull().defaults(to: 0)
            t.column("attempt", .integer).notNull().defaults(to: 1)
            t.column("priority", .integer).notNull().defaults(to: 0)
            t.column("folder", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.column("startedAt", .datetime)
            t.column("finishedAt", .datetime)
            t.column("errorStep", .text)
            t.column("errorMessage", .text)
            t.column("errorRetryable", .boolean)
            t.column("costUsd", .double).notNull().defaults(to: 0)
            t.column("purged", .boolean).notNull().defaults(to: false)
            t.column("statusJSON", .text).notNull()
        }
        // Queue order within a state: highest priority first, then oldest.
        try db.execute(sql: """
            CREATE INDEX jobs_on_state_priority_createdAt ON jobs(state, priority DESC, createdAt)
            """)
        // Listings, newest first, with the id as tie-breaker: `jobs()` reads them in index order
        // and stops at its limit instead of sorting every row.
        try db.create(index: "jobs_on_createdAt", on: "jobs", columns: ["createdAt", "id"])
        try db.create(index: "jobs_on_state_createdAt", on: "jobs", columns: ["state", "createdAt", "id"])
        // `counts()` reads this small partial index alone, never the wide rows.
        try db.create(index: "jobs_live_on_state", on: "jobs", columns: ["state"], condition: Column("purged") == false)

        try db.create(table: "steps", options: [.withoutRowID]) { t in
            t.primaryKey {
                t.belongsTo("job", inTable: "jobs", onDelete: .cascade)
                t.column("name", .text)
            }
            t.column("state", .text).notNull()
            t.column("startedAt", .datetime)
            t.column("finishedAt", .datetime)
            t.column("seconds", .double)
            t.column("cached", .boolean).notNull().defaults(to: false)
        }

        try db.create(table: "artifacts", options: [.withoutRowID]) { t in
            t.primaryKey {
                t.belongsTo("job", inTable: "jobs", onDelete: .cascade)
                t.column("kind", .text)
            }
            t.column("path", .text).notNull()
        }

        try db.create(table: "events") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("jobId", .text).notNull().indexed()
            t.column("at", .datetime).notNull()
            t.column("kind", .text).notNull()
            t.column("message", .text).notNull()
        }
    }

    /// Schema v2: `cacheEntries`, one row per provider response kept in the cache folder
    /// (``JobIndexDatabase/recordCacheEntry(_:)``). `key` is the hex SHA-256 naming its files;
    /// `lastUsedAt` orders eviction (least recently used first); `expiresAt` is null for no time to
    /// live. Like the job rows, the table mirrors files and may be rebuilt from them.
    private static func createV2(_ db: Database) throws {
        try db.create(table: "cacheEntries", options: [.withoutRowID]) { t in
            t.primaryKey("key", .text)
            t.column("service", .text).notNull()
            t.column("bytes", .integer).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastUsedAt", .datetime).notNull()
            t.column("expiresAt", .datetime)
            t.column("hits", .integer).notNull().defaults(to: 0)
        }
        try db.create(index: "cacheEntries_on_lastUsedAt", on: "cacheEntries", columns: ["lastUsedAt"])
    }
}
