import Foundation
import Hummingbird

/// An error a handler answers with: a status and a message, as `{"error": …, "status": …}` (plus
/// whatever else helps, such as the valid steps for a bad `fromStep`).
struct APIError: Error, HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var extra: [String: [String]] = [:]

    init(_ status: HTTPResponse.Status, _ message: String, extra: [String: [String]] = [:]) {
        self.status = status
        self.message = message
        self.extra = extra
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.json(status: status, body: body(requestID: nil))
    }

    func body(requestID: String?) -> [String: JSONValue] {
        var body: [String: JSONValue] = ["error": .string(message), "status": .number(Double(status.code))]
        for (key, values) in extra { body[key] = .array(values.map(JSONValue.string)) }
        if let requestID { body["requestId"] = .string(requestID) }
        return body
    }

    /// Any error as a response: ours as they are, Hummingbird's with their status (413 for a body over
    /// the limit, 404 for no route), anything else as 500 with its description.
    static func response(for error: any Error, requestID: String) -> Response {
        switch error {
        case let error as APIError:
            return json(status: error.status, body: error.body(requestID: requestID))
        case let error as any HTTPResponseError:
            let message = error.status == .contentTooLarge ? "the request body is larger than the limit" : error.status.reasonPhrase
            return json(status: error.status, body: APIError(error.status, message).body(requestID: requestID))
        default:
            return json(status: .internalServerError, body: APIError(.internalServerError, "\(error)").body(requestID: requestID))
        }
    }

    static func json(status: HTTPResponse.Status, body: some Encodable) -> Response {
        let data = (try? APIJSON.encoder.encode(body)) ?? Data("{}".utf8)
        return json(status: status, encoded: ByteBuffer(bytes: data))
    }

    /// A response of JSON bytes encoded already (by ``APIJSON/encoder``).
    static func json(status: HTTPResponse.Status, encoded: ByteBuffer) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"]
        // RFC 6750: a 401 says which scheme it wants.
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"tiktok-ai\"" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: encoded))
    }
}

/// A JSON value for small hand-made documents.
enum JSONValue: Encodable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])
    case null

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value):
            if value.rounded() == value, abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// The API's one JSON encoder: keys sorted, ISO 8601 times with milliseconds (the runbook's shape).
enum APIJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        }
        return encoder
    }()

    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        APIError.json(status: status, body: value)
    }
}
