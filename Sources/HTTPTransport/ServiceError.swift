import Providers

/// A call to a service that did not succeed, after every attempt its ``RetryPolicy`` allowed.
///
/// Its message names the service, the HTTP status (or what broke instead) and the service's own
/// explanation, and holds no secret: ``ServiceClient`` redacts its keys from whatever a server echoes.
public struct ServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `OpenAI chat`, `ElevenLabs speech`, …
    public var service: String
    /// The last HTTP status, or nil when no response came.
    public var status: Int?
    /// The service's reason code, when it gave one.
    public var code: String?
    public var message: String
    /// Whether trying the job again later, unchanged, could help: a 429 or a 503 could; a wrong key,
    /// an exhausted quota or a rejected request could not.
    public var retryable: Bool
    public var attempts: Int

    public init(service: String, status: Int?, code: String?, message: String, retryable: Bool, attempts: Int) {
        self.service = service
        self.status = status
        self.code = code
        self.message = message
        self.retryable = retryable
        self.attempts = attempts
    }

    public var description: String {
        var text = service + ": "
        if let status { text += "HTTP \(status)" + (code.map { " \($0)" } ?? "") + ": " }
        text += message
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }
}

extension ServiceError: RetryClassifiedError {}
