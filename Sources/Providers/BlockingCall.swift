import Dispatch
import Synchronization

/// Runs blocking work — a synchronous C call (espeak-ng, later libcurl), a CPU-bound loop (the
/// painter) — on a Dispatch queue of its own, never on Swift's cooperative thread pool.
///
/// The pool has one thread per core (two on the build machine): a call that blocks one of them stalls
/// every actor and task behind it, the daemon's event loop and the cancel watcher included.
///
/// Cancellation: when the awaiting task is cancelled, ``CancellationFlag/isCancelled`` turns true for
/// the work to poll (espeak-ng's callback does, every few milliseconds of audio). The caller then gets
/// whatever the work returns or throws; work that never polls runs to its end.
public enum BlockingCall {
    /// Runs `work` on `queue` and returns its result.
    public static func run<T: Sendable>(on queue: DispatchQueue,
                                        _ work: @escaping @Sendable (CancellationFlag) throws -> T) async throws -> T {
        let flag = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                queue.async {
                    continuation.resume(with: Result { try work(flag) })
                }
            }
        } onCancel: {
            flag.cancel()
        }
    }
}

/// Set when the task waiting for a ``BlockingCall`` is cancelled; safe to read from any thread.
public final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
}
