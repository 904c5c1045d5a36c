import Foundation

/// How the HTTP API listens and what it allows: the bind address, the token that writes need, and
/// the limits that keep one client from starving the others.
///
/// Guarantees (checked by ``validate()`` before the server starts):
/// - a bind address other than loopback needs an `apiKey`: a spool is never opened to a network
///   without a token for its writes;
/// - every limit is positive.
public struct APIConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// `API_KEY`: when set, every write (POST) needs `Authorization: Bearer <key>`.
    public var apiKey: String?
    /// The largest request body taken (a project, or a JSONL batch); larger ones answer 413.
    public var maxBodyBytes: Int
    /// A request that takes longer answers 503; event streams are exempt (they are bounded by ``maxStreams``).
    public var requestTimeout: Duration
    /// Event streams open at once, over all jobs; one more answers 503.
    public var maxStreams: Int
    /// How often an event stream looks at its job's status file and log.
    public var streamPollInterval: Duration
    /// The version `/api/health` reports.
    public var version: String

    public static let defaultPort = 3001

    public init(host: String = "127.0.0.1", port: Int = APIConfiguration.defaultPort, apiKey: String? = nil,
                maxBodyBytes: Int = 16 * 1_048_576, requestTimeout: Duration = .seconds(30), maxStreams: Int = 64,
                streamPollInterval: Duration = .milliseconds(250), version: String = "0.0.0") {
        self.host = host
        self.port = port
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.maxStreams = maxStreams
        self.streamPollInterval = streamPollInterval
        self.version = version
    }

    /// `HOST:PORT`, `HOST`, `:PORT` or `PORT`; the host defaults to loopback and the port to `defaultPort`.
    /// An IPv6 host is written in brackets: `[::1]:3001`. Port 0 takes any free port (the log says which).
    public static func parseAddress(_ text: String, defaultPort: Int = APIConfiguration.defaultPort) throws(APIConfigurationError) -> (host: String, port: Int) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var host = "127.0.0.1"
        var portText: Substring?
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .badAddress(text) }
            host = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
            let rest = trimmed[trimmed.index(after: close)...]
            if rest.hasPrefix(":") { portText = rest.dropFirst() } else if !rest.isEmpty { throw .badAddress(text) }
        } else if let colon = trimmed.lastIndex(of: ":") {
            let name = trimmed[..<colon]
            if !name.isEmpty { host = String(name) }
            portText = trimmed[trimmed.index(after: colon)...]
        } else if Int(trimmed) != nil {
            portText = Substring(trimmed)
        } else if !trimmed.isEmpty {
            host = trimmed
        }
        var port = defaultPort
        if let portText {
            guard let number = Int(portText), (0...65535).contains(number) else { throw .badAddress(text) }
            port = number
        }
        return (host, port)
    }

    /// True for addresses only this machine can reach.
    public var bindsLoopback: Bool {
        ["127.0.0.1", "::1", "localhost"].contains(host.lowercased()) || host.hasPrefix("127.")
    }

    public func validate() throws(APIConfigurationError) {
        if !bindsLoopback && apiKey == nil { throw .openWithoutToken(host) }
        if maxBodyBytes <= 0 || maxStreams <= 0 || requestTimeout <= .zero { throw .badLimit }
    }
}

public enum APIConfigurationError: Error, CustomStringConvertible, Equatable {
    case badAddress(String)
    case openWithoutToken(String)
    case badLimit

    public var description: String {
        switch self {
        case .badAddress(let text): "--http \(text): expected HOST:PORT (for example 127.0.0.1:3001), with a port from 0 (any free one) to 65535"
        case .openWithoutToken(let host):
            "--http \(host) is reachable from other machines, and API_KEY is not set: set API_KEY (writes then need `Authorization: Bearer <key>`), or bind 127.0.0.1"
        case .badLimit: "the HTTP limits (body size, request timeout, streams) must be positive"
        }
    }
}
