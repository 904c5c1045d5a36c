import Foundation
import HTTPTransport
#if canImport(Glibc)
import Glibc
#endif

/// `fake_provider_server.py` (beside this file) running on loopback for one test: started with
/// ``start(latency:)``, stopped by its pid with ``stop()``. Its control routes script faults and
/// count requests; see the script's header for what it answers.
public final class FakeProviderServer: Sendable {
    public let port: Int
    public let pid: Int32
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }
    private let transport = CurlTransport()

    private init(port: Int, pid: Int32) {
        self.port = port
        self.pid = pid
    }

    public static let script = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "fake_provider_server.py")

    /// Starts a server on a free port and waits (up to 10 s) until it listens.
    public static func start(latency: Double = 0, arguments: [String] = []) throws -> FakeProviderServer {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--latency", String(latency)] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.standardError
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        var text = ""
        while !text.contains("\n"), Date() < deadline, process.isRunning {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { usleep(20_000) } else { text += String(decoding: chunk, as: UTF8.self) }
        }
        guard let line = text.split(separator: "\n").first, line.hasPrefix("listening "),
              let port = Int(line.dropFirst("listening ".count)) else {
            if process.isRunning { process.terminate() }
            throw FakeServerError("the fake provider server did not start (python3 needed): \(text)")
        }
        return FakeProviderServer(port: port, pid: process.processIdentifier)
    }

    /// Runs `body` with a server started for it and a fresh empty folder (named from `prefix`), both
    /// gone afterwards.
    public static func withServer(folder prefix: String, _ body: (FakeProviderServer, URL) async throws -> Void) async throws {
        let server = try start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "\(prefix)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(server, folder)
    }

    /// SIGKILL: the server keeps nothing worth flushing, and a child of the test runner may have
    /// inherited a mask that blocks SIGTERM.
    public func stop() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    public func url(_ path: String) -> URL { baseURL.appending(path: path) }

    /// Requests per route (`"POST /v1/chat/completions"`) since the start or the last ``reset()``.
    public func counts() async throws -> [String: Int] {
        let response = try await transport.send(HTTPRequest(url: url("/_fake/counts")))
        return try JSONDecoder().decode([String: Int].self, from: response.body)
    }

    /// The next requests to `route` (a path) get `faults` in order; see the script for their shapes.
    public func inject(_ route: String, _ faults: [[String: any Sendable]]) async throws {
        let body = try JSONSerialization.data(withJSONObject: ["route": route, "faults": faults])
        _ = try await transport.send(.postJSON(url("/_fake/faults"), json: body))
    }

    public func reset() async throws {
        _ = try await transport.send(HTTPRequest(method: "POST", url: url("/_fake/reset")))
    }

    /// The last requests received, newest last, as the server saw them.
    public func requests() async throws -> [[String: Any]] {
        let response = try await transport.send(HTTPRequest(url: url("/_fake/requests")))
        return (try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]]) ?? []
    }
}

public struct FakeServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
