import Hummingbird
import Logging

/// What a request carries through the middlewares: its id (`X-Request-Id`, taken from the client or
/// made here) and the body limit every handler collects up to.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var requestID: String = ""
    /// Set by the server from ``APIConfiguration/maxBodyBytes`` (Hummingbird's decoding helpers read it too).
    public var bodyLimit: Int = 16 * 1_048_576

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    public var maxUploadSize: Int { bodyLimit }
}
