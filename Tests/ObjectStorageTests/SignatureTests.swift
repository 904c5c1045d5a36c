import Foundation
import HTTPTransport
import ObjectStorage
import Testing

/// What libcurl signs is what botocore (the AWS SDK for Python's reference signer, `S3SigV4Auth`) signs
/// for the same request at the same time: the whole `Authorization` header, the payload hash computed
/// from the bytes that were sent, and the key and query written as botocore writes them. moto does not
/// check payload hashes, so these requests go to a loopback listener that keeps them.
@Suite(.serialized) struct SignatureTests {
    static let credentials = (id: "AKIDEXAMPLE", secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")

    func store(_ listener: LoopbackListener, pageSize: Int = 1000) -> S3ObjectStore {
        S3ObjectStore(settings: ObjectStoreSettings(endpoint: listener.url, bucket: "tiktok-ai", region: "eu-west-1",
                                                    accessKeyID: Self.credentials.id, secretAccessKey: Self.credentials.secret),
                      pageSize: pageSize)
    }

    @Test func anUploadIsSignedWithTheHashOfItsBytes() async throws {
        let listener = try LoopbackListener(.answer(status: 200, headers: ["ETag: \"abc\""]))
        defer { listener.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "signature-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appending(path: "video.mp4")
        try Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }).write(to: file)
        let key = "renders/42/1-tok/a b é+!.mp4"

        #expect(try await store(listener).put(key: key, file: file, contentType: "video/mp4", ifAbsent: true) == .stored(etag: "abc"))
        let request = try #require(listener.requests.first)
        #expect(request.body == (try Data(contentsOf: file)))
        #expect(request.headers["if-none-match"] == "*")
        let reference = try Botocore.sign(request, key: key, params: [], body: file)
        #expect(request.headers["authorization"] == reference.authorization)
        #expect(request.headers["x-amz-content-sha256"] == reference.payloadHash)
        #expect(request.headers["x-amz-content-sha256"] == (try FileDigest.sha256(of: file)))
        #expect(request.headers["authorization"]?.contains("SignedHeaders=content-type;host;if-none-match;x-amz-content-sha256;x-amz-date") == true)
        #expect(!request.head.contains(Self.credentials.secret))
        #expect(request.head.components(separatedBy: "\r\n").filter { $0.lowercased().hasPrefix("x-amz-date:") }.count == 1)
    }

    @Test func readsAndDeletesAreSignedWithTheEmptyBodysHash() async throws {
        let listener = try LoopbackListener(.answer(status: 200, body: Data("hi".utf8)), .answer(status: 204))
        defer { listener.stop() }
        let key = "inputs/日本 語~*'()"
        #expect(try await store(listener).data(key: key) == Data("hi".utf8))
        try await store(listener).delete(key: key)
        #expect(listener.requests.count == 2)
        for request in listener.requests {
            let reference = try Botocore.sign(request, key: key, params: [], body: nil)
            #expect(request.headers["authorization"] == reference.authorization, "\(request.requestLine)")
            #expect(request.headers["x-amz-content-sha256"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        }
    }

    @Test func listingPagesAreSignedWithTheirQuery() async throws {
        let token = "1+/=x y"
        let first = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>tiktok-ai</Name><IsTruncated>true</IsTruncated>\
        <NextContinuationToken>\(token)</NextContinuationToken><Contents><Key>renders/a b/1 &amp; 2</Key>\
        <LastModified>2026-12-01T10:00:00.000Z</LastModified><ETag>&quot;e1&quot;</ETag><Size>5</Size></Contents></ListBucketResult>
        """
        let last = """
        <ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>renders/a b/é</Key>\
        <LastModified>2026-12-01T10:00:01Z</LastModified><Size>7</Size></Contents></ListBucketResult>
        """
        let listener = try LoopbackListener(.answer(status: 200, body: Data(first.utf8)), .answer(status: 200, body: Data(last.utf8)))
        defer { listener.stop() }
        let objects = try await store(listener, pageSize: 1).list(prefix: "renders/a b/")
        #expect(objects.map(\.key) == ["renders/a b/1 & 2", "renders/a b/é"])
        #expect(objects.map(\.size) == [5, 7])
        #expect(objects.first?.etag == "e1")
        #expect(objects.first?.lastModified == Date(timeIntervalSince1970: 1_796_119_200))

        let pages = listener.requests
        #expect(pages.count == 2)
        let params = [["list-type", "2"], ["max-keys", "1"], ["prefix", "renders/a b/"]]
        for (page, params) in zip(pages, [params, params + [["continuation-token", token]]]) {
            let reference = try Botocore.sign(page, key: nil, params: params, body: nil)
            #expect(page.headers["authorization"] == reference.authorization, "\(page.requestLine)")
        }
    }
}

/// botocore's `S3SigV4Auth` run on a request libcurl sent (its URL as sent, the headers libcurl signed,
/// the body) with libcurl's timestamp, and botocore's own encoding of the key and the query.
enum Botocore {
    struct Reference: Decodable {
        var authorization: String
        var payloadHash: String
    }

    struct Mismatch: Error, CustomStringConvertible { var description: String }

    static let script = #"""
    import datetime, json, sys
    import botocore.auth, botocore.awsrequest, botocore.credentials
    from botocore.utils import percent_encode, percent_encode_sequence
    r = json.load(sys.stdin)
    body = open(r["body"], "rb").read() if r["body"] else b""
    botocore.auth.get_current_datetime = lambda: datetime.datetime.strptime(r["timestamp"], "%Y%m%dT%H%M%SZ")
    path = "/" + r["bucket"] + ("/" + percent_encode(r["key"], safe="/~") if r["key"] is not None else "")
    query = percent_encode_sequence(sorted((k, v) for k, v in r["params"]))
    url = "http://" + r["host"] + path + ("?" + query if query else "")
    if url != r["url"]:
        sys.exit("botocore writes the URL " + url + ", libcurl sent " + r["url"])
    request = botocore.awsrequest.AWSRequest(method=r["method"], url=url, headers=r["headers"], data=body)
    signer = botocore.auth.S3SigV4Auth(botocore.credentials.Credentials(r["id"], r["secret"]), "s3", r["region"])
    signer.add_auth(request)
    print(json.dumps({"authorization": request.headers["Authorization"], "payloadHash": request.headers["X-Amz-Content-SHA256"]}))
    """#

    static func sign(_ request: LoopbackListener.Request, key: String?, params: [[String]], body: URL?) throws -> Reference {
        let parts = request.requestLine.split(separator: " ")
        let headers = request.headers
        guard parts.count == 3, let authorization = headers["authorization"], let timestamp = headers["x-amz-date"], let host = headers["host"],
              let signed = authorization.components(separatedBy: "SignedHeaders=").last?.components(separatedBy: ",").first else {
            throw Mismatch(description: "not a signed request: \(request.requestLine)")
        }
        let given = signed.split(separator: ";").map(String.init).filter { $0 != "x-amz-date" && $0 != "x-amz-content-sha256" }
        let input: [String: Any] = [
            "method": String(parts[0]), "url": "http://\(host)\(parts[1])", "host": host, "bucket": "tiktok-ai", "key": key ?? NSNull(),
            "params": params, "headers": Dictionary(uniqueKeysWithValues: given.map { ($0, headers[$0] ?? "") }),
            "timestamp": timestamp, "body": body?.path ?? NSNull(), "region": "eu-west-1",
            "id": SignatureTests.credentials.id, "secret": SignatureTests.credentials.secret,
        ]
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else {
            throw Mismatch(description: String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        return try JSONDecoder().decode(Reference.self, from: output)
    }
}
