import Foundation
import GRDB
import Synchronization

/// The SQLite index of every job: a rebuildable mirror of the spool folders that the CLI reads fast.
///
/// The spool folders are the truth; this index only mirrors them. Everything in it can be rebuilt by
/// scanning the folders and calling ``recordMany(_:)``.
///
/// One daemon writes (``init(path:)``) while any number of CLI processes read beside it
/// (``openReadOnly(path:)``, or ``init(path:)`` for commands that write). The guarantees that make
/// this safe:
/// - The database is in WAL mode: readers never block the writer and never see a half-applied
///   transaction; each read sees the last committed state.
/// - Every connection waits up to 5 seconds for a lock held by another process
///   (`busy_timeout`, GRDB's `busyMode = .timeout(5)`) instead of failing at once with `SQLITE_BUSY`.
/// - Writers use `synchronous = NORMAL`: a committed transaction survives the death of the process at
///   once, and a power cut after the next checkpoint; a power cut before it may lose the last commits
///   but never corrupts the file. The spool folders are durable on their own and rebuild the rest.
/// - Every write method runs in a single `IMMEDIATE` transaction: it is applied entirely or not at all.
/// - Foreign keys are enforced: a job's step and artifact rows go with it.
///
/// All methods are synchronous and may be called from any thread or task (the class is `Sendable`;
/// GRDB's `DatabasePool` serializes writes and runs reads concurrently).
public final class JobIndexDatabase: Sendable {
    /// The path of the index file.
    public let path: String

    /// True for an index opened with ``openReadOnly(path:)``: every write method then throws.
    public let isReadOnly: Bool

    /// The GRDB connection pool: one writer connection, up to a few concurrent readers.
    let pool: DatabasePool

    /// Updates waiting to be written together (``recordSoon(_:encoded:folder:)``).
    let deferred = DeferredWrites()
    private let closed = Mutex(false)

    /// True once ``close()`` was called.
    public var isClosed: Bool { closed.withLock { $0 } }

    /// Opens the index at `path` for reading and writing, creating the file (and its parent folder)
    /// if needed, and brings its schema up to date.
    ///
    /// - Postconditions: the database is in WAL journal mode, has a 5 s busy timeout and foreign keys
    ///   on, and every migration of ``JobIndexSchema`` ("v1", …) has been applied.
    /// - Throws: ``JobIndexError/incompatibleSchema(path:reason:)`` if the file was written by a newer
    ///   build whose migrations this build does not know; a GRDB `DatabaseError` if SQLite cannot
    ///   open the file (not a database, no permission, …); a file system error if the parent folder
    ///   cannot be created.
    public init(path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let pool = try Self.openPoolRetryingBusy(path: path)
        let migrator = JobIndexSchema.migrator
        if try pool.read(migrator.hasBeenSuperseded) {
            throw JobIndexError.incompatibleSchema(
                path: path, reason: "it was written by a newer version (unknown migrations)")
        }
        // The daemon and a CLI command may open a new index at the same moment. GRDB runs each
        // migration in its own transaction, after reading which ones are applied: the loser of that
        // race fails on the tables the winner just created, possibly while the winner is still on a
        // later migration. Trying again applies what is left, or finds it all applied.
        var attempts = 0
        while true {
            do {
                try migrator.migrate(pool)
                break
            } catch let error as DatabaseError {
                if try pool.read(migrator.hasCompletedMigrations) { break }
                attempts += 1
                guard attempts < 100 else { throw error }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        self.path = path
        self.isReadOnly = false
        self.pool = pool
    }

    /// Opens the writer pool. Two processes creating the same new file race on the switch to WAL:
    /// SQLite answers `PRAGMA journal_mode = WAL` with `SQLITE_BUSY` at once, without calling the busy
    /// handler, so the 5 s busy timeout does not cover it. The loser retries until the winner is done.
    private static func openPoolRetryingBusy(path: String) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(readonly: false))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    private init(path: String, readOnlyPool pool: DatabasePool) {
        self.path = path
        self.isReadOnly = true
        self.pool = pool
    }

    /// Opens an existing index for reading only, as the CLI does beside a running daemon.
    ///
    /// Never creates, migrates or modifies the file, so it is safe to call on a spool whose daemon is
    /// running, stopped, or has never run.
    ///
    /// - Throws: ``JobIndexError/missing(_:)`` if there is no file at `path`;
    ///   ``JobIndexError/incompatibleSchema(path:reason:)`` if the file is not a database, or its
    ///   schema is not fully migrated, or was written by a newer build; a GRDB `DatabaseError` for
    ///   other SQLite failures.
    public static func openReadOnly(path: String) throws -> JobIndexDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw JobIndexError.missing(path)
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: true))
            let migrator = JobIndexSchema.migrator
            try pool.read { db in
                if try migrator.hasBeenSuperseded(db) {
                    throw JobIndexError.incompatibleSchema(
                        path: path, reason: "it was written by a newer version (unknown migrations)")
                }
                if try !migrator.hasCompletedMigrations(db) {
                    throw JobIndexError.incompatibleSchema(
                        path: path, reason: "its schema is not migrated yet (open it read-write once)")
                }
            }
            return JobIndexDatabase(path: path, readOnlyPool: pool)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw JobIndexError.incompatibleSchema(path: path, reason: "it is not an SQLite database")
        }
    }

    /// Closes every connection. Further calls on this instance throw. Closing is optional: the
    /// connections also close when the instance is deallocated.
    public func close() throws {
        if !isReadOnly { try flushDeferred() }
        closed.withLock { $0 = true }
        try pool.close()
    }

    /// The GRDB configuration shared by writers and readers.
    static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.label = "JobIndex"
        configuration.readonly = readonly
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        // A CLI reader and the daemon writer wait for each other's locks rather than failing.
        configuration.busyMode = .timeout(5)
        if !readonly {
            // WAL with synchronous=NORMAL: a commit is not fsynced on its own, only at checkpoints. A
            // killed process loses nothing (the WAL is in the OS cache); a power cut may lose the last
            // commits but never corrupts the file, and the folders — the truth — rebuild them
            // (`reindex`). It halves the fsyncs of a busy daemon.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
        }
        return configuration
    }
}
