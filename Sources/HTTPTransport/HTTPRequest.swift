import Foundation

/// One HTTP request, as a provider client builds it. It carries no secrets of its own beyond its
/// headers, and nothing in this module ever prints a header value: errors name the method and the
/// URL's host and path only.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    public var headers: [HTTPHeader]
    public var body: HTTPBody
    /// When set, the response body is streamed into this file (under a `.part` name, renamed when the
    /// transfer completes) instead of being held in memory.
    public var downloadTo: URL?
    public var timeouts: HTTPTimeouts
    /// When set, libcurl signs the request with AWS Signature Version 4 (S3 and its look-alikes).
    public var awsSigV4: AWSSigV4?

    public init(method: String = "GET", url: URL, headers: [HTTPHeader] = [], body: HTTPBody = .empty,
                downloadTo: URL? = nil, timeouts: HTTPTimeouts = .init(), awsSigV4: AWSSigV4? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.downloadTo = downloadTo
        self.timeouts = timeouts
        self.awsSigV4 = awsSigV4
    }

    /// `POST` of a JSON body.
    public static func postJSON(_ url: URL, json: Data, headers: [HTTPHeader] = [], timeouts: HTTPTimeouts = .init()) -> HTTPRequest {
        HTTPRequest(method: "POST", url: url, headers: headers + [HTTPHeader("Content-Type", "application/json")],
                    body: .data(json), timeouts: timeouts)
    }

    /// How errors and logs name this request: method, host and path, never the query or headers.
    public var label: String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.query = nil
        components?.user = nil
        components?.password = nil
        return "\(method) \(components?.string ?? url.path)"
    }
}

public struct HTTPHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What a request sends.
public enum HTTPBody: Sendable {
    case empty
    case data(Data)
    /// `multipart/form-data`, as OpenAI's transcription endpoint takes it.
    case multipart([MultipartPart])
    /// A file's bytes, read from disk as they are sent (an upload of any size in little memory). It
    /// must not change while it is sent: one that ends early aborts the transfer.
    case file(URL)
}

/// One field of a `multipart/form-data` body: text, or a file sent from disk.
public struct MultipartPart: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        case file(URL, filename: String, contentType: String)
    }

    public var name: String
    public var content: Content

    public init(name: String, text: String) {
        self.name = name
        self.content = .text(text)
    }

    public init(name: String, file: URL, filename: String? = nil, contentType: String) {
        self.name = name
        self.content = .file(file, filename: filename ?? file.lastPathComponent, contentType: contentType)
    }
}

/// The time limits of one attempt. A call that needs several attempts gets these for each.
public struct HTTPTimeouts: Sendable, Hashable {
    /// Until the TCP (and TLS) connection is up.
    public var connect: Duration
    /// For the whole attempt, connection and body included.
    public var total: Duration
    /// A response that sends nothing for this long is given up: the server stalled.
    public var stall: Duration

    public init(connect: Duration = .seconds(5), total: Duration = .seconds(600), stall: Duration = .seconds(60)) {
        self.connect = connect
        self.total = total
        self.stall = stall
    }
}
