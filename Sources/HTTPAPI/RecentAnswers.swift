import Synchronization

/// Values computed for polled reads (a page of `GET /api/run`, the health check's index query), kept
/// while the index is unchanged and for at most ``maxAge``.
///
/// Why: dashboards and scripts poll these about once a second each. 200 of them cost the daemon a
/// tenth of a core in SQL and JSON, taken from the renders beside it; most of those answers are the
/// same bytes as the one before.
///
/// Guarantees:
/// - A value is reused only while the index's write count (``SpoolOperations/indexWriteCount``) is the
///   one it was computed at, so nothing this process writes (a claim, a step, a submit through the
///   API) is ever hidden.
/// - It is never older than ``maxAge``, so writes by other processes (`tiktok-ai cancel`, `reindex`)
///   are seen within it.
/// - Without a write count (no index held by this process) nothing is kept.
/// - Errors are never kept: the next request tries again.
final class RecentAnswers<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        var value: Value
        var writeCount: UInt64
        var computedAt: ContinuousClock.Instant
    }

    let maxAge: Duration
    /// Distinct keys kept (pages and filters); past it, everything is dropped and refilled.
    static var capacity: Int { 64 }
    private let entries = Mutex<[String: Entry]>([:])

    init(maxAge: Duration) {
        self.maxAge = maxAge
    }

    /// The value kept for `key` if still fresh, else `compute()`'s, kept for the next caller.
    /// Two callers racing on a stale entry may both compute; the later one's value is kept.
    func value(for key: String, writeCount: UInt64?, compute: () throws -> Value) rethrows -> Value {
        guard let writeCount else { return try compute() }
        let now = ContinuousClock.now
        if let entry = entries.withLock({ $0[key] }), entry.writeCount == writeCount, now - entry.computedAt < maxAge {
            return entry.value
        }
        let value = try compute()
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, writeCount: writeCount, computedAt: now)
        }
        return value
    }
}
