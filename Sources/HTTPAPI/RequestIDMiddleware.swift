import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `X-Request-Id` in and out: a client's id (printable, at most 128 characters) is kept, else one is
/// made; it is echoed on the response and carried by every log line of the request as `request`.
/// One line per request is logged at info (debug for polls of health and metrics, which come often).
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    static let header = HTTPField.Name("X-Request-Id")!
    let bodyLimit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let given = request.headers[Self.header].flatMap { Self.acceptable($0) ? $0 : nil }
        context.requestID = given ?? UUID().uuidString.lowercased()
        context.bodyLimit = bodyLimit
        context.logger[metadataKey: "request"] = .string(context.requestID)
        let started = ContinuousClock.now
        let path = request.uri.path
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Errors become responses here, so that they carry the id too.
            response = APIError.response(for: error, requestID: context.requestID)
        }
        response.headers[Self.header] = context.requestID
        let level: Logger.Level = path == "/api/health" || path == "/metrics" || path.hasSuffix("/stream") ? .debug : .info
        let elapsed = started.duration(to: .now)
        context.logger.log(level: level, "\(request.method) \(path) \(response.status.code) \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        return response
    }

    static func acceptable(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }
}
