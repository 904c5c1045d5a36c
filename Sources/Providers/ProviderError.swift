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
