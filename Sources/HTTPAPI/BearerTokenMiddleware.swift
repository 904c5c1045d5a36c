import Hummingbird

/// Writes (every method but GET and HEAD) need `Authorization: Bearer <API_KEY>` when a key is set.
/// The comparison takes the same time wherever the first difference is, so the key cannot be found
/// one byte at a time by timing answers.
struct BearerTokenMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let key: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let key, request.method != .get, request.method != .head else { return try await next(request, context) }
        let presented = request.headers[.authorization].flatMap { value -> Substring? in
            guard value.lowercased().hasPrefix("bearer ") else { return nil }
            return value.dropFirst("bearer ".count)
        }
        guard let presented, Self.constantTimeEqual(Array(presented.utf8), Array(key.utf8)) else {
            throw APIError(.unauthorized, presented == nil ? "this write needs `Authorization: Bearer <API_KEY>`" : "the bearer token is wrong")
        }
        return try await next(request, context)
    }

    /// Equal bytes, in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
