import Foundation
import HTTPAPI
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import JobDocuments
import JobIndex
import JobQueue
import Logging
import Operations
import Prometheus
import Spool
import Testing

/// The API over real HTTP (AsyncHTTPClient against the server on a loopback port), on a spool whose
/// jobs are moved through the same queue the daemon uses.
@Suite("HTTP API: every endpoint over real requests")
struct APIServerTests {
    let layout: SpoolLayout
    let index: JobIndexDatabase
    let operations: SpoolOperations

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "api-\(UUID().uuidString.prefix(8))"))
        try layout.create()
        index = try JobIndexDatabase(path: layout.indexFile.path)
        // As the daemon's own queue: a running job is canceled by asking its runner.
        operations = SpoolOperations(queue: FolderQueue(layout: layout, index: index, servesSpool: true))
    }

    // MARK: Helpers

    static let status = ServiceStatusCache {
        ServiceStatus(providers: .init(openai: false, elevenlabs: false, ffmpeg: true), renderDryRun: false,
                      steps: [.init(step: "plan", provider: "template", ready: true, detail: "offline"),
                              .init(step: "voice", provider: "espeak-ng", ready: false, detail: "install espeak-ng")])
    }

    /// Runs `body` against a server on a free loopback port.
    func withServer(_ configuration: APIConfiguration = APIConfiguration(port: 0),
                    _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var configuration = configuration
        configuration.port = 0
        let app = try APIServer.application(configuration: configuration, operations: operations, status: Self.status,
                                            metrics: SpoolMetrics(registry: PrometheusCollectorRegistry()),
                                            logger: Logger(label: "api-test"))
        try await app.test(.ahc(.http), body)
    }

    /// A job that went through the queue: claimed, then (unless `outcome` is nil) started and, with
    /// an outcome, finished.
    @discardableResult
    func job(_ id: String, start: Bool = false, ending outcome: JobOutcome? = nil) async throws -> LeasedJob? {
        try Data(#"{"topic": "\#(id)"}"#.utf8).write(to: layout.inboxEntry("\(id).json"))
        let queue = operations.queue
        _ = queue.claim([InboxFile(name: "\(id).json", verdict: InboxJudge.judge(fileAt: layout.inboxEntry("\(id).json")))])
        guard start || outcome != nil else { return nil }
        let lease = try #require(try await queue.start(id))
        guard let outcome else { return lease }
        _ = try await queue.finish(lease, status: lease.status, as: outcome)
        return nil
    }

    static func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    static func array(_ response: TestResponse) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]])
    }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    // MARK: Health and status

    @Test("GET /api/health has the runbook's shape, and answers 500 with the reason when the spool is broken")
    func health() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let layout = layout
        try await withServer { client in
            let ok = try await client.execute(uri: "/api/health", method: .get)
            #expect(ok.status == .ok)
            let object = try Self.json(ok)
            #expect(object["status"] as? String == "OK" && object["database"] as? String == "connected")
            #expect(object["artifactsDir"] as? String == layout.root.path && object["version"] is String && object["timestamp"] is String)
            try FileManager.default.removeItem(at: layout.folder(.done))
            let broken = try await client.execute(uri: "/api/health", method: .get)
            #expect(broken.status == .internalServerError)
            let problem = try Self.json(broken)
            #expect(problem["status"] as? String == "ERROR" && (problem["error"] as? String ?? "").contains("done"))
        }
    }

    @Test("GET /api/status: providers {openai, elevenlabs, ffmpeg}, ready, testMode, renderDryRun, message and the steps")
    func status() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await withServer { client in
            let object = try Self.json(try await client.execute(uri: "/api/status", method: .get))
            #expect(object["providers"] as? [String: Bool] == ["openai": false, "elevenlabs": false, "ffmpeg": true])
            #expect(object["ready"] as? Bool == false && object["testMode"] as? Bool == false && object["renderDryRun"] as? Bool == false)
            #expect((object["message"] as? String ?? "").contains("voice (espeak-ng)"))
            #expect((object["steps"] as? [[String: Any]])?.count == 2)
        }
    }

    // MARK: Jobs

    @Test("GET /api/run: newest first, filtered by state, paginated with X-Total-Count and a next link")
    func list() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        for number in 1...5 {
            try await job("done-\(number)", ending: .done)
            try await Task.sleep(for: .milliseconds(15)) // distinct creation times
        }
        try await job("waiting")
        try await withServer { client in
            let page = try await client.execute(uri: "/api/run?state=done&limit=2", method: .get)
            #expect(page.status == .ok && page.headers[HTTPField.Name("X-Total-Count")!] == "5")
            #expect(try Self.array(page).map { $0["id"] as? String } == ["done-5", "done-4"])
            #expect(page.headers[HTTPField.Name("Link")!] == "</api/run?state=done&limit=2&offset=2>; rel=\"next\"")
            let last = try await client.execute(uri: "/api/run?state=done&limit=2&offset=4", method: .get)
            #expect(try Self.array(last).map { $0["id"] as? String } == ["done-1"] && last.headers[HTTPField.Name("Link")!] == nil)
            let all = try Self.array(try await client.execute(uri: "/api/run", method: .get))
            #expect(all.count == 6 && all.first?["id"] as? String == "waiting" && all.first?["status"] as? String == "queued")
            let bad = try await client.execute(uri: "/api/run?state=finished", method: .get)
            #expect(try bad.status == .badRequest && (Self.json(bad)["validStates"] as? [String])?.contains("failed") == true)
            #expect(try await client.execute(uri: "/api/run?limit=0", method: .get).status == .badRequest)
        }
    }

    @Test("GET /api/run between polls: this process's writes show at once, another process's within a second")
    func listKeptBetweenPolls() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let layout = layout
        try await withServer { client in
            #expect(try Self.array(try await client.execute(uri: "/api/run", method: .get)).isEmpty)
            // A claim through this process's queue: the kept empty page must not hide it.
            try await job("mine")
            #expect(try Self.array(try await client.execute(uri: "/api/run", method: .get)).map { $0["id"] as? String } == ["mine"])
            // Another process (here: its own index connection) claims a job: the kept page may be
            // served for up to a second, never longer.
            let other = FolderQueue(layout: layout, index: try JobIndexDatabase(path: layout.indexFile.path))
            try Data(#"{"topic": "theirs"}"#.utf8).write(to: layout.inboxEntry("theirs.json"))
            _ = other.claim([InboxFile(name: "theirs.json", verdict: InboxJudge.judge(fileAt: layout.inboxEntry("theirs.json")))])
            try await Task.sleep(for: .milliseconds(1100))
            let ids = try Self.array(try await client.execute(uri: "/api/run", method: .get)).compactMap { $0["id"] as? String }
            #expect(Set(ids) == ["mine", "theirs"])
        }
    }

    @Test("GET /api/run/{id}: the status with its recent log lines; 404 for an unknown job")
    func show() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let lease = try #require(try await job("made", start: true))
        await operations.queue.log(lease, .info, "planned 4 scenes")
        _ = try await operations.queue.finish(lease, status: lease.status, as: .done)
        try await withServer { client in
            let object = try Self.json(try await client.execute(uri: "/api/run/made", method: .get))
            #expect(object["id"] as? String == "made" && object["status"] as? String == "done" && object["state"] as? String == "done")
            let logs = try #require(object["logsJson"] as? [String])
            #expect(logs.count == 2 && logs.first?.hasSuffix("planned 4 scenes") == true && logs.last?.contains("done") == true, "\(logs)")
            #expect((object["links"] as? [String: String])?["stream"] == "/api/run/made/stream")
            let missing = try await client.execute(uri: "/api/run/nope", method: .get)
            #expect(try missing.status == .notFound && (Self.json(missing)["error"] as? String) == "no job 'nope'")
            #expect(try await client.execute(uri: "/api/run/nope/video", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/run/nope/retry", method: .post).status == .notFound)
            #expect(try await client.execute(uri: "/api/run/nope/cancel", method: .post).status == .notFound)
        }
    }

    @Test("POST /api/run: a project or a JSONL batch through the inbox's rules; an invalid one is 400 and queues nothing")
    func submit() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let operations = operations
        try await withServer { client in
            let one = try await client.execute(uri: "/api/run?name=from-api.json", method: .post,
                                               headers: [.contentType: "application/json"], body: Self.body(#"{"topic": "tides"}"#))
            #expect(one.status == .created)
            #expect(try (Self.json(one)["jobs"] as? [[String: Any]])?.first?["id"] as? String == "from-api")
            #expect(operations.status(of: "from-api")?.state == .queued)
            let batch = try await client.execute(uri: "/api/run?name=night.jsonl", method: .post,
                                                 headers: [.contentType: "application/x-ndjson"],
                                                 body: Self.body("{\"topic\": \"a\"}\n{\"topic\": \"b\"}\n"))
            #expect(try batch.status == .created && (Self.json(batch)["jobs"] as? [[String: Any]])?.count == 2)
            let invalid = try await client.execute(uri: "/api/run?name=broken.json", method: .post, body: Self.body(#"{"topic": 7}"#))
            #expect(invalid.status == .badRequest && operations.status(of: "broken") == nil)
            let badName = try await client.execute(uri: "/api/run?name=notes.txt", method: .post, body: Self.body(#"{"topic": "x"}"#))
            #expect(badName.status == .badRequest)
            #expect(try await client.execute(uri: "/api/run", method: .post).status == .badRequest)
        }
    }

    @Test("POST /api/run/{id}/retry: an unknown fromStep is 400 and lists the valid steps; a done job is 409")
    func retry() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("broke", ending: .failed(.init(step: "render", message: "boom", retryable: true)))
        try await job("fine", ending: .done)
        let operations = operations
        try await withServer { client in
            let bad = try await client.execute(uri: "/api/run/broke/retry", method: .post, body: Self.body(#"{"fromStep": "polish"}"#))
            #expect(bad.status == .badRequest)
            #expect(try Self.json(bad)["validSteps"] as? [String] == PipelineStep.allCases.map(\.rawValue))
            #expect(try await client.execute(uri: "/api/run/broke/retry", method: .post, body: Self.body("[1]")).status == .badRequest)
            let good = try await client.execute(uri: "/api/run/broke/retry", method: .post, body: Self.body(#"{"fromStep": "render"}"#))
            #expect(try good.status == .ok && (Self.json(good)["state"] as? String) == "queued")
            #expect(operations.status(of: "broke")?.state == .queued)
            #expect(try await client.execute(uri: "/api/run/fine/retry", method: .post).status == .conflict)
        }
    }

    @Test("POST /api/run/{id}/cancel: a queued job at once (200), a running one on request (202), a finished one 409")
    func cancel() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("waiting")
        try await job("busy", start: true)
        try await job("over", ending: .done)
        let operations = operations
        try await withServer { client in
            let now = try await client.execute(uri: "/api/run/waiting/cancel", method: .post)
            #expect(try now.status == .ok && (Self.json(now)["outcome"] as? String) == "canceled")
            #expect(operations.status(of: "waiting")?.state == .canceled)
            let later = try await client.execute(uri: "/api/run/busy/cancel", method: .post)
            #expect(try later.status == .accepted && (Self.json(later)["outcome"] as? String) == "requested")
            #expect(try await client.execute(uri: "/api/run/over/cancel", method: .post).status == .conflict)
        }
    }

    // MARK: Writes need the token

    @Test("with API_KEY, writes without the right bearer token are 401; reads stay open")
    func token() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("waiting")
        try await withServer(APIConfiguration(apiKey: "s3cret-token")) { client in
            let none = try await client.execute(uri: "/api/run/waiting/cancel", method: .post)
            #expect(none.status == .unauthorized && none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            #expect(!Self.text(none).contains("s3cret"))
            let wrong = try await client.execute(uri: "/api/run/waiting/cancel", method: .post, headers: [.authorization: "Bearer s3cret-tokeX"])
            #expect(wrong.status == .unauthorized)
            #expect(try await client.execute(uri: "/api/run", method: .post, body: Self.body(#"{"topic": "x"}"#)).status == .unauthorized)
            #expect(try await client.execute(uri: "/api/run", method: .get).status == .ok)
            let right = try await client.execute(uri: "/api/run/waiting/cancel", method: .post, headers: [.authorization: "Bearer s3cret-token"])
            #expect(right.status == .ok)
        }
    }

    @Test("a bind other machines can reach is refused without API_KEY, and accepted with one")
    func openBind() throws {
        #expect(throws: APIConfigurationError.openWithoutToken("0.0.0.0")) { try APIConfiguration(host: "0.0.0.0").validate() }
        try APIConfiguration(host: "0.0.0.0", apiKey: "k").validate()
        try APIConfiguration(host: "127.0.0.1").validate()
        #expect(try APIConfiguration.parseAddress("0.0.0.0:8080") == ("0.0.0.0", 8080))
        #expect(try APIConfiguration.parseAddress("[::1]:9") == ("::1", 9))
        #expect(try APIConfiguration.parseAddress("localhost", defaultPort: 4000) == ("localhost", 4000))
        #expect(throws: APIConfigurationError.self) { try APIConfiguration.parseAddress("host:99999") }
    }

    // MARK: Files

    @Test("the video with range requests (206, 416, HEAD), and nothing outside the job's folder (403)")
    func files() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("film", ending: .done)
        let folder = layout.jobFolder(id: "film", in: .done)
        let bytes = Data((0..<1000).map { UInt8($0 % 251) })
        try bytes.write(to: folder.appending(path: "video.mp4"))
        try Data("outside".utf8).write(to: layout.root.appending(path: "secret.txt"))
        try FileManager.default.createSymbolicLink(at: folder.appending(path: "link.txt"), withDestinationURL: layout.root.appending(path: "secret.txt"))
        try await withServer { client in
            let whole = try await client.execute(uri: "/api/run/film/video", method: .get)
            #expect(whole.status == .ok && whole.headers[.contentType] == "video/mp4" && whole.headers[.acceptRanges] == "bytes")
            #expect(Data(buffer: whole.body) == bytes)
            let part = try await client.execute(uri: "/api/run/film/video", method: .get, headers: [.range: "bytes=100-199"])
            #expect(part.status == .partialContent && part.headers[.contentRange] == "bytes 100-199/1000")
            #expect(Data(buffer: part.body) == bytes[100..<200])
            let tail = try await client.execute(uri: "/api/run/film/video", method: .get, headers: [.range: "bytes=-10"])
            #expect(tail.status == .partialContent && Data(buffer: tail.body) == bytes.suffix(10))
            let beyond = try await client.execute(uri: "/api/run/film/video", method: .get, headers: [.range: "bytes=5000-"])
            #expect(beyond.status == .rangeNotSatisfiable && beyond.headers[.contentRange] == "bytes */1000")
            let head = try await client.execute(uri: "/api/run/film/video", method: .head)
            #expect(head.status == .ok && head.headers[.contentLength] == "1000")
            for path in ["../../secret.txt", "..%2F..%2Fsecret.txt", "%2Fetc%2Fpasswd", "link.txt"] {
                let refused = try await client.execute(uri: "/api/run/film/artifact?path=\(path)", method: .get)
                #expect(refused.status == .forbidden, "path \(path)")
                #expect(!Self.text(refused).contains("outside\""))
            }
            #expect(try await client.execute(uri: "/api/run/film/artifact?path=status.json", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/api/run/film/thumbnail", method: .get).status == .notFound)
        }
    }

    // MARK: Limits

    @Test("an oversized body is 413; X-Request-Id is kept from the client, or made, and echoed")
    func limits() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await withServer(APIConfiguration(maxBodyBytes: 1024)) { client in
            let big = String(repeating: "x", count: 4096)
            let refused = try await client.execute(uri: "/api/run", method: .post, body: Self.body(#"{"topic": "\#(big)"}"#))
            #expect(refused.status == .contentTooLarge)
            let given = try await client.execute(uri: "/api/health", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "trace-42"])
            #expect(given.headers[HTTPField.Name("X-Request-Id")!] == "trace-42")
            let made = try await client.execute(uri: "/api/health", method: .get)
            #expect((made.headers[HTTPField.Name("X-Request-Id")!] ?? "").count == 36)
            let error = try await client.execute(uri: "/api/run/nope", method: .get, headers: [HTTPField.Name("X-Request-Id")!: "trace-43"])
            #expect(try error.headers[HTTPField.Name("X-Request-Id")!] == "trace-43" && (Self.json(error)["requestId"] as? String) == "trace-43")
        }
    }

    // MARK: Events

    @Test("GET /api/run/{id}/stream: the state, then step and progress changes and log lines, then done, and the stream closes")
    func stream() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let lease = try #require(try await job("live", start: true))
        let queue = operations.queue
        try await withServer(APIConfiguration(streamPollInterval: .milliseconds(50))) { client in
            let mover = Task {
                try await Task.sleep(for: .milliseconds(300))
                var status = lease.status
                status.step = .voice
                status.progress = 20
                try await queue.update(lease, status: status)
                await queue.log(lease, .info, "voice: a line for the stream")
                try await Task.sleep(for: .milliseconds(300))
                status.progress = 60
                try await queue.update(lease, status: status)
                try await Task.sleep(for: .milliseconds(300))
                _ = try await queue.finish(lease, status: status, as: .done)
            }
            let response = try await client.execute(uri: "/api/run/live/stream", method: .get)
            try await mover.value
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/event-stream") == true)
            let events = Self.text(response).components(separatedBy: "\n\n").compactMap { block in
                block.split(separator: "\n").first { $0.hasPrefix("event: ") }.map { String($0.dropFirst(7)) }
            }
            #expect(events.first == "state" && events.last == "done")
            #expect(events.contains("step") && events.contains("log"))
            #expect(Self.text(response).contains("\"progress\":60") && Self.text(response).contains("voice: a line for the stream"))
        }
    }

    @Test("event streams are bounded: one more than the limit is 503")
    func streamLimit() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let lease = try #require(try await job("long", start: true))
        let queue = operations.queue
        try await withServer(APIConfiguration(maxStreams: 1, streamPollInterval: .milliseconds(50))) { client in
            let first = Task { try await client.execute(uri: "/api/run/long/stream", method: .get) }
            try await Task.sleep(for: .milliseconds(400))
            let second = try await client.execute(uri: "/api/run/long/stream", method: .get)
            #expect(second.status == .serviceUnavailable)
            _ = try await queue.finish(lease, status: lease.status, as: .done)
            #expect(try await first.value.status == .ok)
            // The slot is given back when the stream ends.
            #expect(try await client.execute(uri: "/api/run/long/stream", method: .get).status == .ok)
        }
    }

    // MARK: Metrics and the dashboard

    @Test("GET /metrics: the spool's gauges in Prometheus' text format")
    func metrics() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("ok", ending: .done)
        try await job("waiting")
        try await withServer { client in
            let response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok && response.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = Self.text(response)
            #expect(text.contains("# TYPE tiktok_jobs gauge") && text.contains(#"tiktok_jobs{state="done"} 1.0"#))
            #expect(text.contains("tiktok_queue_length 1.0") && text.contains("tiktok_spool_free_bytes "))
        }
    }

    @Test("GET / serves the dashboard page, self-contained")
    func dashboard() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await withServer { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok && response.headers[.contentType] == "text/html; charset=utf-8")
            let page = Self.text(response)
            #expect(page.contains("EventSource") && page.contains("/api/run") && !page.contains("http://") && !page.contains("https://"))
        }
    }
}
