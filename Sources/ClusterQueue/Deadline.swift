import Foundation
import Synchronization

/// Runs `operation` but answers within `limit`: a half-open TCP connection to the database can hang
/// for far longer than a lease, and a worker must be able to tell that its heartbeat did not get
/// through in time. On timeout the operation's task is cancelled and left to finish by itself; the
/// caller gets ``ClusterError/Kind/timedOut`` at once.
func withDeadline<T: Sendable>(_ limit: Duration, _ what: String,
                               _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let settled = Settled()
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let work = Task {
            let result: Result<T, any Error>
            do { result = .success(try await operation()) } catch { result = .failure(error) }
            if settled.first() { continuation.resume(with: result) }
        }
        Task {
            try? await Task.sleep(for: limit)
            if settled.first() {
                work.cancel()
                continuation.resume(throwing: ClusterError(.timedOut, "the cluster database did not answer \(what) within \(limit)"))
            }
        }
    }
}

/// Which of the operation and the timer got there first.
private final class Settled: Sendable {
    private let done = Mutex(false)

    /// True for the first caller only.
    func first() -> Bool {
        done.withLock { done in
            defer { done = true }
            return !done
        }
    }
}
