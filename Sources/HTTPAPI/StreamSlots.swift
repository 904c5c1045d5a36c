import Synchronization

/// The event streams open at once: each takes a slot, and one more than the limit is refused (503)
/// instead of piling up (the runbook's memory-leak incident names unclosed event streams first).
final class StreamSlots: Sendable {
    private let open = Mutex(0)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    func take() -> Bool {
        open.withLock { count in
            guard count < limit else { return false }
            count += 1
            return true
        }
    }

    func give() { open.withLock { $0 -= 1 } }

    var inUse: Int { open.withLock { $0 } }
}
