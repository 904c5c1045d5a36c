/// The seam between provider clients and the network: one attempt of one request.
///
/// ``CurlTransport`` is the real one; ``ScriptedHTTPTransport`` answers from a script, for tests of
/// the clients built on it. Retries are not the transport's business: ``ServiceClient`` does them.
///
/// Guarantees every implementation keeps:
/// - a response of any HTTP status is returned, not thrown;
/// - a failure to get a response throws ``HTTPTransportError``, never anything else, except
///   `CancellationError` when the calling task is cancelled;
/// - a cancelled task's transfer is aborted within a fraction of a second.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// Why no response came. All of these but ``Kind/invalidRequest`` may pass if tried again.
public struct HTTPTransportError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The connection could not be made in time, or was refused.
        case connectFailed
        /// The attempt ran past its total time limit.
        case timedOut
        /// The server stopped sending for longer than the stall limit.
        case stalled
        /// The connection broke, or the server closed it without a full answer.
        case connectionLost
        /// The request itself cannot work (a bad URL, an unsupported scheme, a missing upload file).
        case invalidRequest
    }

    public var kind: Kind
    /// Method, host and path of the request, and what happened.
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var isRetryable: Bool { kind != .invalidRequest }
    public var description: String { message }
}
