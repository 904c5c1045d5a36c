import FakeProviderServer
import Foundation
import HTTPTransport
import Testing

/// libcurl against the fake provider server on loopback: bodies both ways, files, and every way a
/// transfer can fail.
@Suite(.serialized) struct CurlTransportTests {
    let server: FakeProviderServer
    let transport = CurlTransport()

    init() throws { server = try FakeProviderServer.start() }

    @Test func getsABody() async throws {
        defer { server.stop() }
        let response = try await transport.send(HTTPRequest(url: server.url("/bytes").appending(queryItems: [.init(name: "n", value: "300000")])))
        #expect(response.status == 200)
        #expect(response.body.count == 300_000)
        #expect(response.body[256] == 0 && response.body[257] == 1)
        #expect(response.header("content-type") == "application/octet-stream")
    }

    @Test func postsJSONWithItsHeaders() async throws {
        defer { server.stop() }
        let body = Data(#"{"model":"gpt-4o-mini","messages":[]}"#.utf8)
        let response = try await transport.send(.postJSON(server.url("/echo"), json: body, headers: [HTTPHeader("Authorization", "Bearer sk-test")]))
        let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        #expect(echo["method"] as? String == "POST")
        #expect(echo["body"] as? String == String(decoding: body, as: UTF8.self))
        let headers = try #require(echo["headers"] as? [String: String])
        #expect(headers["Authorization"] == "Bearer sk-test")
        #expect(headers["Content-Type"] == "application/json")
        #expect(headers["Expect"] == nil, "no 100-continue round trip")
    }

    @Test func uploadsMultipartFormFields() async throws {
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let audio = folder.appending(path: "voice.wav")
        try Data(repeating: 7, count: 12_345).write(to: audio)
        let response = try await transport.send(HTTPRequest(method: "POST", url: server.url("/echo"), body: .multipart([
            MultipartPart(name: "model", text: "whisper-1"),
            MultipartPart(name: "timestamp_granularities[]", text: "word"),
            MultipartPart(name: "timestamp_granularities[]", text: "segment"),
            MultipartPart(name: "file", file: audio, contentType: "audio/wav"),
        ])))
        let echo = try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
        let fields = try #require(echo["fields"] as? [String: Any])
        #expect(fields["model"] as? String == "whisper-1")
        #expect(fields["timestamp_granularities[]"] as? [String] == ["word", "segment"])
        let file = try #require(fields["file"] as? [String: Any])
        #expect(file["filename"] as? String == "voice.wav")
        #expect(file["contentType"] as? String == "audio/wav")
        #expect(file["size"] as? Int == 12_345)
    }

    @Test func streamsADownloadToAFile() async throws {
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appending(path: "clip.mp4")
        let url = server.url("/bytes").appending(queryItems: [.init(name: "n", value: "2000000")])
        let response = try await transport.send(HTTPRequest(url: url, downloadTo: target))
        #expect(response.file == target)
        #expect(response.body.isEmpty, "the body went to the file, not to memory")
        #expect(try Data(contentsOf: target).count == 2_000_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["clip.mp4"], "no .part left")

        // An error's body is read back as the response's, and no file appears.
        let missing = folder.appending(path: "missing.mp4")
        let notFound = try await transport.send(HTTPRequest(url: server.url("/nowhere"), downloadTo: missing))
        #expect(notFound.status == 404)
        #expect(String(decoding: notFound.body, as: UTF8.self).contains("Invalid URL"))
        #expect(!FileManager.default.fileExists(atPath: missing.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["clip.mp4"])
    }

    /// Sends to `/echo` while the server stalls for 20 s: the error, and how long it took to come.
    func failureWhileStalled(_ timeouts: HTTPTimeouts) async throws -> (HTTPTransportError?, Duration) {
        try await server.inject("/echo", [["stall": 20]])
        let started = ContinuousClock.now
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(url: server.url("/echo"), timeouts: timeouts))
        }
        return (error, ContinuousClock.now - started)
    }

    @Test func aStalledResponseFailsAtTheStallLimit() async throws {
        defer { server.stop() }
        let (error, elapsed) = try await failureWhileStalled(.init(total: .seconds(30), stall: .seconds(1)))
        #expect(error?.kind == .stalled)
        #expect(error?.isRetryable == true)
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(5), "gave up after \(elapsed)")
        #expect(error?.message.contains("GET http://127.0.0.1:\(server.port)/echo") == true)
    }

    @Test func aSlowAnswerFailsAtTheTotalLimit() async throws {
        defer { server.stop() }
        let (error, elapsed) = try await failureWhileStalled(.init(total: .milliseconds(1500), stall: .seconds(10)))
        #expect(error?.kind == .timedOut)
        #expect(elapsed >= .milliseconds(1400) && elapsed < .seconds(5), "gave up after \(elapsed)")
    }

    @Test func aDroppedConnectionIsRetryable() async throws {
        defer { server.stop() }
        try await server.inject("/echo", [["drop": true]])
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(url: server.url("/echo")))
        }
        #expect(error?.kind == .connectionLost)
        #expect(error?.isRetryable == true)
    }

    @Test func aClosedPortFailsToConnect() async throws {
        let port = server.port
        server.stop()
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(url: URL(string: "http://127.0.0.1:\(port)/echo")!))
        }
        #expect(error?.kind == .connectFailed)
    }

    @Test func anUnsupportedSchemeIsNotRetryable() async throws {
        defer { server.stop() }
        let error = await #expect(throws: HTTPTransportError.self) {
            try await transport.send(HTTPRequest(url: URL(string: "file:///etc/passwd")!))
        }
        #expect(error?.kind == .invalidRequest)
        #expect(error?.isRetryable == false)
    }

    @Test func cancellingAbortsAStalledTransferAtOnce() async throws {
        defer { server.stop() }
        try await server.inject("/echo", [["stall": 20]])
        let request = HTTPRequest(url: server.url("/echo"), timeouts: .init(total: .seconds(60), stall: .seconds(60)))
        let task = Task { [transport] in try await transport.send(request) }
        try await Task.sleep(for: .milliseconds(500))
        let cancelled = ContinuousClock.now
        task.cancel()
        let result = await task.result
        let elapsed = ContinuousClock.now - cancelled
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(elapsed < .seconds(1), "the transfer stopped \(elapsed) after the cancel")
    }
}
