import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SpoolHarness
import Testing

/// `serve --http` as an operator meets it: the real binary, a real render, the dashboard in Debian's
/// headless Chromium, and `/metrics` read by prometheus_client's own parser.
@Suite("serve --http: the API, the dashboard and /metrics beside the daemon", .serialized)
struct HTTPServeTests {
    static let scripts = CLIHarness.packageRoot.appending(path: "Tests/Scripts")
    /// Debian's Python, where `python3-prometheus-client` is installed (not whatever python3 is first on PATH).
    static let python = "/usr/bin/python3"

    /// Starts `serve --http 127.0.0.1:0` and returns it with the port it logged.
    static func startServer(_ harness: CLIHarness, environment: [String: String] = [:]) async throws -> (Process, Int) {
        let daemon = try harness.startDaemon(["--http", "127.0.0.1:0"], environment: environment)
        var port: Int?
        _ = await CLIHarness.waitUntil(timeout: 60) {
            let log = harness.daemonLog()
            guard let range = log.range(of: #"dashboard on http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else { return false }
            port = Int(log[range].split(separator: ":").last!.dropLast())
            return true
        }
        guard let port else {
            daemon.terminate()
            daemon.waitUntilExit()
            throw HTTPTestFailure("the server never said where it listens; log:\n\(harness.daemonLog())")
        }
        return (daemon, port)
    }

    struct HTTPTestFailure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    static func get(_ port: Int, _ path: String) async throws -> (Int, Data) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    static func post(_ port: Int, _ path: String, _ body: Data) async throws -> (Int, Data) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }

    /// `/metrics` through prometheus_client's parser: every sample by `name{labels}`.
    static func metrics(_ port: Int) async throws -> [String: Double] {
        let (status, data) = try await get(port, "/metrics")
        #expect(status == 200)
        let input = FileManager.default.temporaryDirectory.appending(path: "metrics-\(UUID().uuidString).txt")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let parsed = try Command.run(python, [scripts.appending(path: "parse-metrics.py").path, input.path], timeout: 60)
        guard parsed.status == 0, let samples = try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Double] else {
            throw HTTPTestFailure("prometheus_client refused /metrics: \(parsed.stderr)\n\(String(decoding: data, as: UTF8.self))")
        }
        return samples
    }

    @Test("the dashboard in headless Chromium shows a rendering job's bar advance and the finished job's thumbnail; /metrics parses and its counters move")
    func dashboardAndMetrics() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let (daemon, port) = try await Self.startServer(harness)
        defer { daemon.terminate(); daemon.waitUntilExit() }

        let before = try await Self.metrics(port)
        #expect(before["tiktok_jobs{state=\"done\"}"] == 0 && before["tiktok_queue_length"] == 0)
        #expect(before["tiktok_spool_free_bytes"].map { $0 > 0 } == true)

        // A full-size project, so the encode runs long enough to watch.
        let project = try Data(contentsOf: CLIHarness.packageRoot.appending(path: "examples/octopus-hearts.json"))
        let (created, answer) = try await Self.post(port, "/api/run?name=watched.json", project)
        #expect(created == 201, "\(String(decoding: answer, as: UTF8.self))")

        let shots = harness.spool.appending(path: "screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let probe = try Command.run(Self.python, [Self.scripts.appending(path: "dashboard-probe.py").path, "watch",
                                                  "http://127.0.0.1:\(port)/", "watched", shots.path, "240"], timeout: 300)
        #expect(probe.status == 0, "the probe did not see the job finish: \(probe.stdout) \(probe.stderr)\n\(harness.daemonLog())")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        let progress = try #require(report["progress"] as? [Int])
        // Live updates: several values, each above the last, some of them part-way through.
        #expect(progress.count >= 4, "progress seen: \(progress)")
        #expect(zip(progress, progress.dropFirst()).allSatisfy { $0 < $1 }, "progress seen: \(progress)")
        #expect(progress.contains { $0 > 40 && $0 < 100 }, "progress seen: \(progress)")
        #expect((report["widths"] as? [String])?.last == "\(progress.last ?? -1)%")
        #expect(report["loaded"] as? Bool == true && (report["caption"] as? String ?? "").contains("octopus"))
        for shot in report["screenshots"] as? [String] ?? [] {
            #expect(((try? FileManager.default.attributesOfItem(atPath: shot)[.size] as? Int) ?? 0) > 10_000, "screenshot \(shot)")
        }

        let after = try await Self.metrics(port)
        #expect(after["tiktok_jobs{state=\"done\"}"] == 1)
        #expect(after["tiktok_jobs_finished_total{state=\"done\"}"] == 1)
        #expect(after["tiktok_steps_total{outcome=\"done\",step=\"render\"}"] == 1)
        #expect(after["tiktok_step_duration_seconds_count{step=\"render\"}"] == 1)
        #expect((after["tiktok_step_duration_seconds_sum{step=\"render\"}"] ?? 0) > 0.5)
        #expect(after["tiktok_step_duration_seconds_bucket{le=\"+Inf\",step=\"render\"}"] == 1)
    }

    @Test("the dashboard's Retry button sends the token typed into the page: refused with the server's words without it, the job queued again with it")
    func dashboardRetryUsesTheToken() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let key = "dash-\(UUID().uuidString.prefix(8))"
        // Every render fails (a drill): one failed job to retry; paused afterwards, so the retried job waits.
        let (daemon, port) = try await Self.startServer(harness, environment: [
            "API_KEY": key, "APP_RENDER_DRY_RUN": "true", "APP_DRY_RUN_FAIL_STEP": "render",
        ])
        defer { daemon.terminate(); daemon.waitUntilExit() }
        try harness.dropByRename("broken.json", quickProject("broken"))
        #expect(await CLIHarness.waitUntil(timeout: 60) { harness.isFinished("broken") })
        #expect(try harness.run(["pause", "--spool", harness.spool.path]).status == 0)
        let shots = harness.spool.appending(path: "screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let probe = try Command.run(Self.python, [Self.scripts.appending(path: "dashboard-probe.py").path, "retry",
                                                  "http://127.0.0.1:\(port)/", "broken", key, shots.path], timeout: 120)
        #expect(probe.status == 0, "\(probe.stdout) \(probe.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(probe.stdout.utf8)) as? [String: Any])
        #expect((report["refused"] as? String ?? "").contains("Authorization: Bearer"), "\(report)")
        #expect(report["retried"] as? Bool == true && report["tokenKept"] as? Bool == true)
        let status = CLIHarness.readJSON(harness.folder("queued", "broken").appending(path: "status.json"))
        #expect(status?["state"] as? String == "queued" && status?["attempt"] as? Int == 2, "\(String(describing: status))")
    }

    @Test("a bind other machines can reach needs API_KEY: without it serve exits 64 and says why")
    func openBindRefused() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let refused = try harness.run(["serve", "--spool", harness.spool.path, "--http", "0.0.0.0:0"], environment: ["API_KEY": ""])
        #expect(refused.status == 64 && refused.stderr.contains("API_KEY"), "\(refused)")
        let bad = try harness.run(["serve", "--spool", harness.spool.path, "--http", "127.0.0.1:http"])
        #expect(bad.status == 64 && bad.stderr.contains("HOST:PORT"), "\(bad)")
    }

    @Test("with API_KEY, a write through the binary's server needs the token; the key appears in no log line")
    func tokenThroughBinary() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let key = "k-\(UUID().uuidString)"
        let (daemon, port) = try await Self.startServer(harness, environment: ["API_KEY": key])
        defer { daemon.terminate(); daemon.waitUntilExit() }
        let (refused, _) = try await Self.post(port, "/api/run?name=x.json", Data(#"{"topic": "x"}"#.utf8))
        #expect(refused == 401)
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/run?name=x.json")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"topic": "x", "stopAfter": "plan"}"#.utf8)
        request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 201)
        #expect(!harness.daemonLog().contains(key))
    }
}
