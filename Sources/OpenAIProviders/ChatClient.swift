import Foundation
import HTTPTransport
import Synchronization

/// `POST /chat/completions` on any OpenAI-compatible server (OpenAI, Ollama, llama.cpp, vLLM), asking
/// for one JSON object.
///
/// It asks for a strict `json_schema` first. A server that rejects that response format (older
/// llama.cpp builds answer 500 "response_format type must be one of…") is asked again with
/// `json_object`, and remembered for the rest of the process. Ollama accepts `json_schema` but
/// ignores its name and strictness, so the answer is always validated by the caller anyway.
public struct ChatClient: Sendable {
    public var endpoint: ServiceEndpoint
    private let schemaRejected = SchemaSupport()

    public init(endpoint: ServiceEndpoint) {
        self.endpoint = endpoint
    }

    public struct Message: Sendable, Hashable {
        public var role: String
        public var content: String

        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }
    }

    /// What came back: the JSON text (fences and prose around it removed) and the tokens used.
    public struct Answer: Sendable, Hashable {
        public var json: String
        public var promptTokens: Int
        public var completionTokens: Int
    }

    /// One completion; `schema` is a JSON Schema (an object with `additionalProperties: false` and
    /// every property required, as strict mode needs).
    public func complete(_ messages: [Message], schemaName: String, schema: [String: any Sendable]) async throws -> Answer {
        if !schemaRejected.value {
            do {
                let jsonSchema: [String: any Sendable] = ["name": schemaName, "strict": true, "schema": schema]
                return try await send(messages, format: ["type": "json_schema", "json_schema": jsonSchema])
            } catch let error as ServiceError where Self.rejectsSchema(error) {
                schemaRejected.value = true
            }
        }
        return try await send(messages, format: ["type": "json_object"])
    }

    private static func rejectsSchema(_ error: ServiceError) -> Bool {
        guard let status = error.status, [400, 422, 500].contains(status) else { return false }
        let text = error.message.lowercased()
        return text.contains("json_schema") || text.contains("response_format")
    }

    private func send(_ messages: [Message], format: [String: any Sendable]) async throws -> Answer {
        let body: [String: Any] = [
            "model": endpoint.model,
            "messages": messages.map { ["role": $0.role, "content": $0.content] },
            "temperature": 0.7,
            "response_format": format,
        ]
        let data = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        let request = HTTPRequest.postJSON(endpoint.url("chat/completions"), json: data, headers: endpoint.headers,
                                           timeouts: .init(total: endpoint.timeout))
        let (response, _) = try await endpoint.service.sendJSON(request, as: Completion.self)
        guard let choice = response.choices.first else { throw invalid("the answer has no choices") }
        if let refusal = choice.message.refusal, !refusal.isEmpty { throw invalid("the model refused: \(refusal)") }
        if choice.finishReason == "length" { throw invalid("the answer was cut off at the token limit") }
        guard let content = choice.message.content, let json = Self.jsonObjectText(in: content) else {
            throw invalid("the answer holds no JSON object")
        }
        return Answer(json: json, promptTokens: response.usage?.promptTokens ?? 0, completionTokens: response.usage?.completionTokens ?? 0)
    }

    private func invalid(_ message: String) -> UnusableAnswer { UnusableAnswer(message: message) }

    /// The first `{` to its matching last `}`: local models wrap JSON in ```json fences or prose.
    static func jsonObjectText(in content: String) -> String? {
        guard let start = content.firstIndex(of: "{"), let end = content.lastIndex(of: "}"), start < end else { return nil }
        return String(content[start...end])
    }

    private struct Completion: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable {
                var content: String?
                var refusal: String?
            }
            var message: Message
            var finishReason: String?
            enum CodingKeys: String, CodingKey { case message, finishReason = "finish_reason" }
        }
        struct Usage: Decodable {
            var promptTokens: Int?
            var completionTokens: Int?
            enum CodingKeys: String, CodingKey { case promptTokens = "prompt_tokens", completionTokens = "completion_tokens" }
        }
        var choices: [Choice]
        var usage: Usage?
    }
}

/// The server answered 200, but with nothing a plan can be made of: a refusal, a cut-off answer,
/// no JSON. The planner falls back to the offline plan on it, where a failed call fails the job.
public struct UnusableAnswer: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Whether this server has refused `json_schema`; shared by the copies of one client.
private final class SchemaSupport: Sendable {
    private let rejected = Mutex(false)
    var value: Bool {
        get { rejected.withLock { $0 } }
        set { rejected.withLock { $0 = newValue } }
    }
}
