import JobDocuments
import Synchronization

/// What the daemon did, as its services report it: for logs, for `run --once`'s summary, and for tests,
/// which wait for these instead of sleeping.
public enum DaemonEvent: Sendable, Hashable {
    /// Recovery finished; these jobs were put back or published.
    case recovered([String])
    /// The intake watches the inbox (inotify armed, or polling), after recovery: a file dropped from now
    /// on is seen. Recorded once per run; `serve` tells systemd `READY=1` on it.
    case watching
    /// Files were claimed from the inbox into these jobs (waiting, or failed for bad input).
    case claimed([String])
    case started(String)
    /// A job ended its run in this state (`queued`: back to the queue); nil when it was gone before it started.
    case finished(String, JobState?)
    /// No job starts: the reason, as logged.
    case held(String)
    /// Jobs may start again.
    case released
    /// Folders removed from outside were marked purged.
    case purged([String])
    /// The intake has nothing left to judge (everything dropped so far is claimed).
    case inboxIdle
}

/// Every event so far, and a way to wait for one.
public final class DaemonEventLog: Sendable {
    private struct State {
        var history: [DaemonEvent] = []
        var waiters: [(id: Int, matches: @Sendable (DaemonEvent) -> Bool, continuation: CheckedContinuation<DaemonEvent?, Never>)] = []
        var nextID = 0
    }

    private let state = Mutex(State())

    public init() {}

    public var history: [DaemonEvent] { state.withLock { $0.history } }

    func record(_ event: DaemonEvent) {
        let woken = state.withLock { state -> [CheckedContinuation<DaemonEvent?, Never>] in
            state.history.append(event)
            let matching = state.waiters.filter { $0.matches(event) }
            state.waiters.removeAll { waiter in matching.contains { $0.id == waiter.id } }
            return matching.map(\.continuation)
        }
        for continuation in woken { continuation.resume(returning: event) }
    }

    /// The first event, already recorded or yet to come, that `matches`; nil when the waiting task is
    /// cancelled first.
    public func first(where matches: @escaping @Sendable (DaemonEvent) -> Bool) async -> DaemonEvent? {
        let id = state.withLock { state -> Int in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<DaemonEvent?, Never>) in
                let found = state.withLock { state -> DaemonEvent?? in
                    if let event = state.history.first(where: matches) { return .some(event) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, matches, continuation))
                    return nil
                }
                if let found { continuation.resume(returning: found) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<DaemonEvent?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }
}
