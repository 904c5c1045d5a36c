import Hummingbird

/// A request that has no answer within the limit answers 503 and its handler is cancelled, so a stuck
/// read (a slow disk, a locked index) cannot hold a connection forever. Event streams are exempt: they
/// are long by design and bounded by their own count.
///
/// Structured concurrency waits for a cancelled handler to return, so the 503 goes out as soon as the
/// handler notices the cancellation (every `await` does); work that ignores it finishes first.
struct RequestTimeoutMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let limit: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if request.uri.path.hasSuffix("/stream") { return try await next(request, context) }
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
