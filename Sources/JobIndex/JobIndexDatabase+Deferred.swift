import Foundation
import GRDB
import JobDocuments
import Synchronization

/// Deferred writes: the many small updates of a running job (each step's start and end, its log
/// lines) gathered and written together, many jobs in one transaction, at most
/// ``DeferredWrites/delay`` after they were made.
///
/// Guarantees:
/// - Order per job is kept: a deferred record never overwrites a later one. Every immediate write
///   (``record(_:folder:)``, ``recordMany(_:)``, ``appendEvent(jobID:kind:message:at:)``) first writes
///   whatever is pending, in the same transaction, so the index is never older than what was
///   written immediately — the state changes that must precede a folder move stay immediate.
/// - Readers see a deferred update within about ``DeferredWrites/delay`` (100 ms).
/// - A process killed before the flush loses the pending updates, never the immediate ones; the
///   daemon records every job it finds in `running/` at its next start.
/// - ``flushDeferred()`` writes everything pending now; ``close()`` does it too.
extension JobIndexDatabase {
    /// Records `status` (already encoded by `JobStatus.makeEncoder()`) soon, in a shared transaction.
    public func recordSoon(_ status: JobStatus, encoded: Data, folder: String) {
        let json = String(decoding: encoded, as: UTF8.self)
        deferred.add { $0.records[status.id] = (status, json, folder) }
        deferred.startFlusher(for: self)
    }

    /// Appends an event soon, in a shared transaction, after the events appended before it.
    public func appendEventSoon(jobID: String, kind: JobEventKind, message: String, at: Date = Date()) {
        deferred.add { $0.events.append((jobID, kind, message, at)) }
        deferred.startFlusher(for: self)
    }

    /// Writes every deferred update now.
    public func flushDeferred() throws {
        guard deferred.hasPending else { return }
        try writeTurn { _ in }
    }

    /// Runs `body` in one write transaction after the pending deferred updates, all while no other
    /// write of this instance can come between (the order guarantee above).
    /// Pending records of the jobs in `superseded` are dropped: `body` writes newer ones.
    func writeTurn<T>(superseding superseded: [String] = [], _ body: (Database) throws -> T) throws -> T {
        try deferred.turn.withLock {
            var pending = deferred.take()
            for id in superseded { pending.records[id] = nil }
            let batch = pending.records.isEmpty ? nil : RecordBatch(encodedItems: pending.records.values)
            let result = try pool.write { db in
                try batch?.write(db)
                for event in pending.events {
                    try db.cachedStatement(sql: "INSERT INTO events (jobId, at, kind, message) VALUES (?, ?, ?, ?)")
                        .execute(arguments: [event.jobID, event.at, event.kind.rawValue, event.message])
                }
                return try body(db)
            }
            deferred.committedWrites.add(1, ordering: .releasing)
            return result
        }
    }

    /// Goes up after every committed write of this instance: equal counts mean that this process has
    /// not changed the index in between (another process's writes are not counted). The HTTP API
    /// keeps a polled answer while it stays the same.
    public var writeCount: UInt64 { deferred.committedWrites.load(ordering: .acquiring) }
}

/// The pending updates of one ``JobIndexDatabase`` and the thread that writes them.
final class DeferredWrites: Sendable {
    /// How long an update may wait before it is written, in seconds.
    static let delay = 0.1

    struct Pending: Sendable {
        var records: [String: (status: JobStatus, json: String, folder: String)] = [:]
        var events: [(jobID: String, kind: JobEventKind, message: String, at: Date)] = []
        var isEmpty: Bool { records.isEmpty && events.isEmpty }
    }

    private let pending = Mutex(Pending())
    private let flusherStarted = Mutex(false)
    /// Held for the whole of a write (take the pending updates, then write): writes never overtake.
    let turn = NSLock()
    /// ``JobIndexDatabase/writeCount``.
    let committedWrites = Atomic<UInt64>(0)

    func add(_ change: (inout Pending) -> Void) {
        pending.withLock { change(&$0) }
    }

    func take() -> Pending {
        pending.withLock { pending in
            defer { pending = Pending() }
            return pending
        }
    }

    var hasPending: Bool { pending.withLock { !$0.isEmpty } }

    /// Starts the background flusher for `database` once; it stops when the database is gone or closed.
    func startFlusher(for database: JobIndexDatabase) {
        let start = flusherStarted.withLock { started in
            defer { started = true }
            return !started
        }
        guard start else { return }
        let thread = Thread { [weak database] in
            while let db = database, !db.isClosed {
                if db.deferred.hasPending { try? db.flushDeferred() }
                Thread.sleep(forTimeInterval: Self.delay)
            }
        }
        thread.name = "JobIndex.deferred"
        thread.start()
    }
}
