import Foundation
import HTTPTransport
import Providers

/// ``ObjectStore`` on S3 and the services that speak its API (moto, MinIO, Ceph RGW), through libcurl
/// (``CurlTransport``): path-style URLs (`ENDPOINT/BUCKET/KEY`), each request signed with SigV4 by
/// libcurl (``AWSSigV4``), one attempt per call (``ObjectStoreError/isRetryable`` says whether another
/// may pass).
///
/// How it keeps the seam's guarantees:
/// - a `put` is one `PUT` of the whole object with its length and its SHA-256 in
///   `x-amz-content-sha256` (S3 checks the bytes against it and stores nothing on a mismatch, so a file
///   changed while it was read is refused rather than stored torn); a file is read twice, once to hash
///   it and once to send it, never whole into memory;
/// - `ifAbsent` sends `If-None-Match: *`; S3's 412 is ``ObjectPutResult/alreadyExists``;
/// - `get(key:to:)` streams into `FILE.part` and renames it when the body is complete;
/// - `list` is `ListObjectsV2`, following `NextContinuationToken` until the listing is no longer truncated;
/// - an error is S3's `<Code>` and `<Message>` with the method, bucket and key; never a header, the
///   signature or the secret (which, should a server echo it, is cut out).
public struct S3ObjectStore: ObjectStore {
    public let settings: ObjectStoreSettings
    /// Keys asked for per `ListObjectsV2` page (S3 gives at most 1,000).
    public let pageSize: Int
    /// Pages one `list` follows at most before it gives up on a store that never ends its listing.
    public let maxPages: Int
    private let transport: any HTTPTransport

    /// SHA-256 of no bytes: the payload hash of every request without a body.
    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public init(settings: ObjectStoreSettings, transport: any HTTPTransport = CurlTransport(), pageSize: Int = 1000,
                maxPages: Int = 100_000) {
        self.settings = settings
        self.transport = transport
        self.pageSize = max(1, min(1000, pageSize))
        self.maxPages = max(1, maxPages)
    }

    // MARK: - ObjectStore

    public func put(key: String, file: URL, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult {
        try ObjectKey.validate(key)
        let hash: String
        do {
            hash = try await BlockingCall.run(on: Self.hashing) { _ in try FileDigest.sha256(of: file) }
        } catch {
            throw ObjectStoreError(.invalidRequest, "\(label("PUT", key)): cannot read \(file.path) to upload")
        }
        return try await store(key: key, body: .file(file), payloadHash: hash, contentType: contentType, ifAbsent: ifAbsent)
    }

    public func put(key: String, data: Data, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult {
        try ObjectKey.validate(key)
        return try await store(key: key, body: .data(data), payloadHash: FileDigest.sha256(of: data), contentType: contentType,
                               ifAbsent: ifAbsent)
    }

    @discardableResult
    public func get(key: String, to file: URL) async throws -> ObjectInfo {
        try ObjectKey.validate(key)
        let response = try await send("GET", key: key, downloadTo: file)
        guard response.status == 200 else { throw failure(response, "GET", key) }
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int
        return info(key, response, size: Int64(size ?? 0))
    }

    public func data(key: String) async throws -> Data {
        try ObjectKey.validate(key)
        let response = try await send("GET", key: key)
        guard response.status == 200 else { throw failure(response, "GET", key) }
        return response.body
    }

    public func head(key: String) async throws -> ObjectInfo? {
        try ObjectKey.validate(key)
        let response = try await send("HEAD", key: key)
        if response.status == 404 { return nil }
        guard response.status == 200 else { throw failure(response, "HEAD", key) }
        return info(key, response, size: response.header("Content-Length").flatMap { Int64($0) } ?? 0)
    }

    public func delete(key: String) async throws {
        try ObjectKey.validate(key)
        let response = try await send("DELETE", key: key)
        guard response.isSuccess || response.status == 404 else { throw failure(response, "DELETE", key) }
    }

    public func list(prefix: String) async throws -> [ObjectInfo] {
        var objects: [ObjectInfo] = []
        var token: String?
        for _ in 0..<maxPages {
            var query: [(name: String, value: String)] = [("list-type", "2"), ("max-keys", String(pageSize))]
            if !prefix.isEmpty { query.append(("prefix", prefix)) }
            if let token { query.append(("continuation-token", token)) }
            let response = try await send("GET", key: nil, query: ObjectKey.canonicalQuery(query))
            guard response.status == 200 else { throw failure(response, "LIST", prefix) }
            guard let page = S3XML.parse(response.body), page.name == "ListBucketResult" else {
                throw ObjectStoreError(.badResponse, status: 200, "\(label("LIST", prefix)): the listing is not a ListBucketResult")
            }
            for entry in page.children("Contents") {
                guard let key = entry.value("Key"), let size = entry.value("Size").flatMap({ Int64($0) }),
                      let modified = entry.value("LastModified").flatMap(Self.isoDate) else {
                    throw ObjectStoreError(.badResponse, status: 200, "\(label("LIST", prefix)): a listed object lacks its key, size or date")
                }
                objects.append(ObjectInfo(key: key, size: size, etag: entry.value("ETag").map(Self.unquoted), lastModified: modified))
            }
            guard page.value("IsTruncated") == "true" else { return objects }
            guard let next = page.value("NextContinuationToken"), !next.isEmpty, next != token else {
                throw ObjectStoreError(.badResponse, status: 200, "\(label("LIST", prefix)): a truncated listing without a new continuation token")
            }
            token = next
        }
        throw ObjectStoreError(.badResponse, "\(label("LIST", prefix)): more than \(maxPages) pages of \(pageSize) keys")
    }

    // MARK: - Requests

    private static let hashing = DispatchQueue(label: "tiktok-ai.object-storage.hash", attributes: .concurrent)

    private func store(key: String, body: HTTPBody, payloadHash: String, contentType: String, ifAbsent: Bool) async throws -> ObjectPutResult {
        var headers = [HTTPHeader("Content-Type", contentType)]
        if ifAbsent { headers.append(HTTPHeader("If-None-Match", "*")) }
        let response = try await send("PUT", key: key, headers: headers, body: body, payloadHash: payloadHash)
        if response.status == 412, ifAbsent { return .alreadyExists }
        guard response.isSuccess else { throw failure(response, "PUT", key) }
        return .stored(etag: response.header("ETag").map(Self.unquoted))
    }

    /// One signed request to the bucket (`key` nil) or to an object.
    private func send(_ method: String, key: String?, query: String = "", headers: [HTTPHeader] = [], body: HTTPBody = .empty,
                      payloadHash: String = S3ObjectStore.emptyPayloadHash, downloadTo: URL? = nil) async throws -> HTTPResponse {
        var text = settings.endpoint.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += "/" + ObjectKey.uriEncoded(settings.bucket, keepingSlashes: false)
        if let key { text += "/" + ObjectKey.uriEncoded(key, keepingSlashes: true) }
        if !query.isEmpty { text += "?" + query }
        guard let url = URL(string: text) else {
            throw ObjectStoreError(.invalidRequest, "\(label(method, key)): the endpoint \(settings.endpoint) does not make a URL")
        }
        let request = HTTPRequest(method: method, url: url, headers: headers + [HTTPHeader("x-amz-content-sha256", payloadHash)],
                                  body: body, downloadTo: downloadTo, timeouts: settings.timeouts, awsSigV4: settings.signing)
        do {
            return try await transport.send(request)
        } catch let error as HTTPTransportError {
            throw ObjectStoreError(error.isRetryable ? .unavailable : .invalidRequest, redacted("\(label(method, key)): \(error.message)"))
        }
    }

    // MARK: - Answers

    /// The error a failed response means, worded from S3's `<Error>` when it sent one (a `HEAD` has no body).
    private func failure(_ response: HTTPResponse, _ method: String, _ key: String?) -> ObjectStoreError {
        let status = response.status
        let parsed = S3XML.error(response.body)
        let kind: ObjectStoreError.Kind = switch status {
        case 404: .notFound
        case 401, 403: .accessDenied
        case 409: .conflict
        case 408, 429, 500...599: .unavailable
        case 300..<500: .invalidRequest
        default: .badResponse
        }
        var text = "\(label(method, key)): \(status)"
        if let parsed {
            text += " \(parsed.code)"
            if let message = parsed.message, !message.isEmpty { text += ": \(message)" }
        } else if status == 404 {
            text += " not found"
        }
        if kind == .accessDenied {
            text += " (check AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and S3_REGION)"
        }
        return ObjectStoreError(kind, status: status, code: parsed?.code, redacted(text))
    }

    /// `S3 GET s3://bucket/key`: how messages name a request.
    private func label(_ method: String, _ key: String?) -> String {
        "S3 \(method) s3://\(settings.bucket)/\(key ?? "")"
    }

    private func redacted(_ text: String) -> String {
        guard let secret = settings.secretAccessKey, !secret.isEmpty else { return text }
        return text.replacingOccurrences(of: secret, with: "[redacted]")
    }

    private func info(_ key: String, _ response: HTTPResponse, size: Int64) -> ObjectInfo {
        ObjectInfo(key: key, size: size, etag: response.header("ETag").map(Self.unquoted),
                   lastModified: response.header("Last-Modified").flatMap(RetryPolicy.httpDate) ?? Date())
    }

    private static func unquoted(_ etag: String) -> String {
        etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    private static func isoDate(_ text: String) -> Date? {
        (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text))
    }
}
