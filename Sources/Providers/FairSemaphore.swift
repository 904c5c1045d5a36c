import Synchronization

/// A counting semaphore for tasks: at most ``permits`` holders at once, waiters served first come,
/// first served, and a cancelled waiter leaves the line at once (its `acquire` throws
/// `CancellationError`). Shared limits use it: render slots, requests in flight to a service.
public final class FairSemaphore: Sendable {
    public let permits: Int
    private let state = Mutex(State())

    struct State {
        var held = 0
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
    }

    public init(permits: Int) { self.permits = max(1, permits) }

    /// Permits held now.
    public var held: Int { state.withLock { $0.held } }

    /// Waits for a permit; throws `CancellationError` if the task is cancelled first.
    public func acquire() async throws {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome = state.withLock { state -> Result<Void, any Error>? in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.held < permits, state.waiters.isEmpty {
                        state.held += 1
                        return .success(())
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Void, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Gives a permit back: to the first waiter, if any.
    public func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            guard !state.waiters.isEmpty else {
                state.held -= 1
                return nil
            }
            // The permit passes straight to the waiter: `held` stays.
            return state.waiters.removeFirst().continuation
        }
        next?.resume()
    }

    /// Runs `body` holding a permit.
    public func withPermit<T>(_ body: () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }
}
