import Foundation

/// What an error response's body says, in any of the shapes the services use:
/// - OpenAI, Ollama, vLLM: `{"error": {"message", "type", "param", "code"}}`, `code` a string or null;
/// - llama.cpp: the same with `code` an integer and no `param`;
/// - ElevenLabs: `{"detail": {"status", "message"}}`, or FastAPI's `{"detail": [{"msg", …}]}`;
/// - a CDN's HTML page, or plain text.
public struct ServiceErrorBody: Sendable, Hashable {
    /// The service's own explanation, shortened to one line.
    public var message: String?
    /// A machine-readable reason: `rate_limit_exceeded`, `insufficient_quota`, `quota_exceeded`, …
    public var code: String?

    public init(message: String?, code: String?) {
        self.message = message
        self.code = code
    }

    public static func parse(_ data: Data) -> ServiceErrorBody {
        if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            if let error = object["error"] as? [String: Any] {
                let code = text(error["code"]).flatMap { Int($0) == nil ? $0 : nil } ?? text(error["type"])
                return .init(message: text(error["message"]).map(oneLine), code: code)
            }
            if let message = object["error"] as? String { return .init(message: oneLine(message), code: nil) }
            if let detail = object["detail"] as? [String: Any] {
                return .init(message: text(detail["message"]).map(oneLine), code: text(detail["status"]) ?? text(detail["code"]))
            }
            if let details = object["detail"] as? [[String: Any]] {
                let messages = details.compactMap { item -> String? in
                    guard let message = text(item["msg"]) else { return nil }
                    let location = (item["loc"] as? [Any])?.compactMap(text).joined(separator: ".")
                    return location.map { "\($0): \(message)" } ?? message
                }
                return .init(message: messages.isEmpty ? nil : oneLine(messages.joined(separator: "; ")), code: "validation_error")
            }
            if let message = object["detail"] as? String { return .init(message: oneLine(message), code: nil) }
        }
        let raw = String(decoding: data.prefix(2000), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if raw.isEmpty { return .init(message: nil, code: nil) }
        if raw.hasPrefix("<") { return .init(message: "an HTML error page, not the service's JSON", code: nil) }
        return .init(message: oneLine(raw), code: nil)
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: string.isEmpty ? nil : string
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    private static func oneLine(_ text: String) -> String {
        let flat = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count > 300 ? String(flat.prefix(300)) + "…" : flat
    }
}
