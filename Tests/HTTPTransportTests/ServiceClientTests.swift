import FakeProviderServer
import Foundation
import HTTPTransport
import Synchronization
import Testing

/// Retries, waits and error wording, with a scripted transport and a recorded sleep.
struct ServiceClientTests {
    let transport = ScriptedHTTPTransport()
    let recorder = SleepRecorder()
    let url = URL(string: "https://api.example.test/v1/chat/completions")!

    func client(secrets: [String] = [], attempts: Int = 3) -> ServiceClient {
        ServiceClient(service: "OpenAI chat", transport: transport, policy: RetryPolicy(maxAttempts: attempts),
                      secrets: secrets, sleep: { [recorder] duration in recorder.record(duration) },
                      random: { 0 })
    }

    static func json(_ status: Int, _ body: String, headers: [HTTPHeader] = []) -> ScriptedHTTPTransport.Outcome {
        .respond(HTTPResponse(status: status, headers: headers, body: Data(body.utf8)))
    }

    static let rateLimited = json(429, #"{"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM)","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#)

    @Test func retriesARateLimitAfterTheServersDelay() async throws {
        transport.script(url.path, Self.json(429, #"{"error":{"message":"slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}"#,
                                             headers: [HTTPHeader("Retry-After", "2")]),
                         Self.json(200, "{}"))
        let response = try await client().send(HTTPRequest(url: url))
        #expect(response.status == 200)
        #expect(recorder.sleeps == [.seconds(2)])
        #expect(transport.requests.count == 2)
    }

    @Test func backsOffExponentiallyThenGivesUpNamingTheStatus() async throws {
        transport.script(url.path, Self.json(500, #"{"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}"#),
                         Self.json(502, "<html><body>Bad gateway</body></html>"),
                         Self.json(503, #"{"error":{"code":503,"message":"Loading model","type":"unavailable_error"}}"#))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(recorder.sleeps == [.milliseconds(500), .seconds(1)])
        #expect(error?.status == 503)
        #expect(error?.retryable == true)
        #expect(error?.attempts == 3)
        #expect(error?.description == "OpenAI chat: HTTP 503 unavailable_error: Loading model (after 3 attempts)")
    }

    @Test func anExhaustedQuotaIsNeverRetried() async throws {
        transport.script(url.path, Self.json(429, #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","param":null,"code":"insufficient_quota"}}"#))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(transport.requests.count == 1)
        #expect(error?.retryable == false)
        #expect(error?.code == "insufficient_quota")
    }

    @Test func aWrongKeyIsNeverRetriedAndNeverRepeated() async throws {
        let key = "sk-proj-abcdefghijklmnop"
        transport.script(url.path, Self.json(401, #"{"error":{"message":"Incorrect API key provided: sk-proj-abcdefghijklmnop.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}"#))
        let error = await #expect(throws: ServiceError.self) { try await client(secrets: [key]).send(HTTPRequest(url: url)) }
        #expect(transport.requests.count == 1)
        #expect(error?.retryable == false)
        #expect(error?.description.contains(key) == false)
        #expect(error?.description.contains("[redacted]") == true)
    }

    @Test func elevenLabsQuotaIsA401AndPermanent() async throws {
        transport.script(url.path, Self.json(401, #"{"detail":{"status":"quota_exceeded","message":"This request exceeds your quota of 10000."}}"#))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(error?.code == "quota_exceeded")
        #expect(error?.message == "This request exceeds your quota of 10000.")
        #expect(error?.retryable == false)
    }

    @Test func theServerCanSayRetryOrNot() async throws {
        transport.script(url.path, Self.json(503, "{}", headers: [HTTPHeader("x-should-retry", "false")]))
        let refused = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(refused?.attempts == 1)
        #expect(transport.requests.count == 1)

        transport.script(url.path, Self.json(400, "{}", headers: [HTTPHeader("x-should-retry", "true")]), Self.json(200, "{}"))
        _ = try await client().send(HTTPRequest(url: url))
        #expect(transport.requests.count == 3)
    }

    @Test func aBadRequestIsNotRetried() async throws {
        transport.script(url.path, Self.json(422, #"{"detail":[{"loc":["body","text"],"msg":"field required","type":"value_error.missing"}]}"#))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(error?.message == "body.text: field required")
        #expect(error?.retryable == false)
    }

    @Test func aDelayLongerThanTheLimitFailsAtOnceButStaysRetryable() async throws {
        transport.script(url.path, Self.json(429, "{}", headers: [HTTPHeader("Retry-After", "600")]))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(transport.requests.count == 1)
        #expect(error?.retryable == true)
        #expect(error?.message.contains("asks to wait 600 s") == true)
    }

    @Test func networkErrorsAreRetriedAndReported() async throws {
        let broken = HTTPTransportError(.connectionLost, "POST https://api.example.test/v1/chat/completions: the connection broke")
        transport.script(url.path, .fail(broken), .fail(broken), .fail(broken))
        let error = await #expect(throws: ServiceError.self) { try await client().send(HTTPRequest(url: url)) }
        #expect(error?.status == nil)
        #expect(error?.retryable == true)
        #expect(error?.description == "OpenAI chat: POST https://api.example.test/v1/chat/completions: the connection broke (after 3 attempts)")
    }

    @Test func retryAfterReadsSecondsMillisecondsAndDates() {
        let now = Date(timeIntervalSince1970: 1_000_000_000) // Sun, 09 Sep 2001 01:46:40 GMT
        func delay(_ name: String, _ value: String) -> Duration? {
            RetryPolicy.serverDelay(of: HTTPResponse(status: 429, headers: [HTTPHeader(name, value)]), now: now)
        }
        #expect(delay("Retry-After", "2") == .seconds(2))
        #expect(delay("retry-after", "1.5") == .milliseconds(1500))
        #expect(delay("retry-after-ms", "120") == .milliseconds(120))
        #expect(delay("Retry-After", "Sun, 09 Sep 2001 01:46:50 GMT") == .seconds(10))
        #expect(delay("Retry-After", "Sunday, 09-Sep-01 01:46:45 GMT") == .seconds(5))
        #expect(delay("Retry-After", "Sun, 09 Sep 2001 01:40:00 GMT") == .zero, "a date in the past means now")
        #expect(delay("Retry-After", "soon") == nil)
    }

    @Test func backoffDoublesToItsCapWithJitterTakenOff() {
        let policy = RetryPolicy()
        #expect((1...6).map { policy.backoff(afterAttempt: $0, random: 0) } ==
                [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        #expect(policy.backoff(afterAttempt: 4, random: 1) == .seconds(3))
    }
}

/// The waits a client asked for, instead of waiting.
final class SleepRecorder: Sendable {
    private let list = Mutex<[Duration]>([])
    func record(_ duration: Duration) { list.withLock { $0.append(duration) } }
    var sleeps: [Duration] { list.withLock { $0 } }
}

/// The acceptance line on real waiting: a 429 with `Retry-After: 2` is tried again after at least 2 s.
@Test func aRateLimitedCallIsRetriedNoSoonerThanTheServerSays() async throws {
    let server = try FakeProviderServer.start()
    defer { server.stop() }
    try await server.inject("/echo", [["status": 429, "retryAfter": "2"]])
    let client = ServiceClient(service: "fake", transport: CurlTransport())
    let started = ContinuousClock.now
    let response = try await client.send(HTTPRequest(method: "POST", url: server.url("/echo")))
    let elapsed = ContinuousClock.now - started
    #expect(response.status == 200)
    #expect(elapsed >= .seconds(2), "retried after \(elapsed)")
    #expect(try await server.counts()["POST /echo"] == 2)
}
