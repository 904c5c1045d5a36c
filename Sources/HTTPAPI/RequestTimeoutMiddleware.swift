import Hummingbird

/// A write (`POST`: submit, retry, cancel) that has no answer within the limit answers 503 and its
/// handler is cancelled, so a stuck rename or a locked index cannot hold a connection forever.
///
/// Reads are not wrapped: each is a few file reads and one index query, which SQLite's 5 s busy
/// timeout bounds, and the task group a timeout needs would cost more than the read itself (about
/// 0.3 ms a request, measured in release builds; a dashboard and scripts poll reads all day). Event
/// streams are long by design and bounded by their own count; idle connections by the server's
/// idle timeout.
///
/// Structured concurrency waits for a cancelled handler to return, so the 503 goes out as soon as the
/// handler notices the cancellation (every `await` does); work that ignores it finishes first.
struct RequestTimeoutMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let limit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.method == .get || request.method == .head { return try await next(request, context) }
        let limit = self.limit
        return try await withoutActuallyEscaping(next) { next in
            // The handler runs in exactly one child task while this task only waits for it, so
            // handing it the non-sendable closure is safe; the group ends before the closure does.
            nonisolated(unsafe) let next = next
            return try await withThrowingTaskGroup(of: Response?.self) { group in
                group.addTask { try await next(request, context) }
                group.addTask {
                    try await Task.sleep(for: limit)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw APIError(.serviceUnavailable, "the request took longer than \(limit.formatted(.units(allowed: [.seconds]))) and was stopped")
                }
                return response
            }
        }
    }
}
