/// A provider's failure, worded for the person reading `status.json`, and whether trying again
/// unchanged could help (a network blip could; a missing file could not).
public struct ProviderError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var retryable: Bool

    public init(_ message: String, retryable: Bool) {
        self.message = message
        self.retryable = retryable
    }

    public var description: String { message }
}

/// An error that knows whether trying again unchanged could help: `status.json`'s
/// `error.retryable` is taken from it (a service's 401 or exhausted quota says no; a 503 says yes).
public protocol RetryClassifiedError: Error, CustomStringConvertible {
    var retryable: Bool { get }
}

extension ProviderError: RetryClassifiedError {}
