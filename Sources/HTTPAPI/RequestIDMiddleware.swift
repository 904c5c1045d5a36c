import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// `X-Request-Id` in and out: a client's id (printable, at most 128 characters) is kept, else one is
/// made; it is echoed on the response and carried by every log line of the request as `request`.
/// One line per request: writes and failed requests at info (server errors at error), successful
/// reads at debug.
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
        // Writes and failures at info (5xx at error); reads at debug: a dashboard or a script polls
        // them several times a second, and 200 lines a second would drown the events that matter.
        let isRead = request.method == .get || request.method == .head
        let level: Logger.Level = response.status.code >= 500 ? .error : (isRead && response.status.code < 400 ? .debug : .info)
        let elapsed = started.duration(to: .now)
        context.logger.log(level: level, "\(request.method) \(path) \(response.status.code) \(elapsed.formatted(.units(allowed: [.milliseconds])))")
        return response
    }

    static func acceptable(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 128 && id.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }
    }
}
