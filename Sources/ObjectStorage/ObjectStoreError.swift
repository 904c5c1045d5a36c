/// Why an object store call failed: what was asked (method, bucket and key), what the store answered
/// (its status, code and message), and whether another attempt may pass. It never carries a header, a
/// signature or a secret.
public struct ObjectStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// No such key (or no such bucket: the code says which).
        case notFound
        /// The store refused the credentials or the signature (403: `SignatureDoesNotMatch`,
        /// `InvalidAccessKeyId`, `AccessDenied`, …).
        case accessDenied
        /// The store is busy, failing, or out of reach (5xx, 429, `SlowDown`, a connection that could not
        /// be made or broke, a timeout). Another attempt may pass.
        case unavailable
        /// Two conditional writes raced (409 `ConditionalRequestConflict`). Another attempt may pass.
        case conflict
        /// The request itself cannot work: a bad key, a file that cannot be read, anything else the store
        /// rejects (4xx).
        case invalidRequest
        /// The store answered something this client does not understand.
        case badResponse
    }

    public var kind: Kind
    /// The HTTP status, when the store answered.
    public var status: Int?
    /// The store's error code (`NoSuchKey`, `SignatureDoesNotMatch`), when it sent one.
    public var code: String?
    public var message: String

    public init(_ kind: Kind, status: Int? = nil, code: String? = nil, _ message: String) {
        self.kind = kind
        self.status = status
        self.code = code
        self.message = message
    }

    public var isRetryable: Bool { kind == .unavailable || kind == .conflict }
    public var description: String { message }
}
