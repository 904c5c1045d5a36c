import Crypto
import Foundation

/// Where ``ServiceClient`` keeps the successful answers of its requests, so that the same request is
/// never paid for twice. The real one is `ProviderResponseCache` (files beside the spool, rows in the
/// index); a test may use ``MemoryResponseCache``.
///
/// Guarantees every implementation keeps:
/// - only 2xx answers are stored;
/// - an answer comes back as it was stored: the same status, content type and body bytes, or a
///   complete copy of the downloaded file at the request's ``HTTPRequest/downloadTo``;
/// - a failure to read or write the cache is a miss, never an error of the request.
public protocol ResponseCache: Sendable {
    /// The stored answer for `key`, or nil. A download is copied to `downloadTo` (under a temporary
    /// name, renamed when complete).
    func response(for key: ResponseCacheKey, downloadTo: URL?) async -> HTTPResponse?
    /// Keeps `response` (its body, or its downloaded file) for `key`.
    func store(_ response: HTTPResponse, for key: ResponseCacheKey, service: String) async
}

/// A request's identity for the cache: the SHA-256 of the service, the method, the URL and the body,
/// uploads by their content. Headers are left out: they carry the keys, and every parameter that
/// changes an answer (model, voice, speed, format, size) is in the URL or the body.
public struct ResponseCacheKey: Sendable, Hashable, CustomStringConvertible {
    /// 64 lower-case hex digits.
    public let hex: String

    public init(hex: String) { self.hex = hex }

    public var description: String { hex }

    /// The key of `request` sent by `service`; nil when an upload cannot be read (the request will
    /// fail on its own, uncached).
    public static func of(_ request: HTTPRequest, service: String) -> ResponseCacheKey? {
        var hash = SHA256()
        func add(_ text: String) {
            hash.update(data: Data(text.utf8))
            hash.update(data: Data([0]))
        }
        add("tiktok-ai response cache v1")
        add(service)
        add(request.method)
        add(request.url.absoluteString)
        switch request.body {
        case .empty:
            add("empty")
        case .data(let data):
            add("data \(data.count)")
            hash.update(data: data)
        case .multipart(let parts):
            for part in parts {
                switch part.content {
                case .text(let text):
                    add("text \(part.name)")
                    add(text)
                case .file(let url, let filename, let contentType):
                    guard let digest = try? FileDigest.sha256(of: url) else { return nil }
                    add("file \(part.name) \(filename) \(contentType) \(digest)")
                }
            }
        case .file(let url):
            guard let digest = try? FileDigest.sha256(of: url) else { return nil }
            add("file \(digest)")
        }
        return ResponseCacheKey(hex: FileDigest.hex(hash.finalize()))
    }
}

extension HTTPResponse {
    /// The header a cached answer carries, so that callers can tell it cost nothing.
    public static let cacheHeader = "X-Tiktok-Ai-Cache"

    /// Whether this answer came from a ``ResponseCache`` rather than the network.
    public var isFromCache: Bool { header(Self.cacheHeader) == "hit" }
}
