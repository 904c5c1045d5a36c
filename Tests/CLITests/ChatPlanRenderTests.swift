import FakeProviderServer
import Foundation
import Testing

/// `render` with OpenAI configured (the fake server standing in for it): the plan is the model's, the
/// voice is OpenAI speech timed by Whisper, `status.json` says so, and the key is nowhere in the job's files.
@Suite("render with an LLM planner", .serialized)
struct ChatPlanRenderTests {
    static let key = "sk-e2e-never-written-0123456789"

    /// `render` of `project` (its JSON) in a fresh folder under `work`, with `environment`.
    static func render(_ project: String, in work: URL, environment: [String: String]) throws
        -> (out: URL, result: (status: Int32, stdout: String, stderr: String)) {
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let file = work.appending(path: "project.json")
        try Data(project.utf8).write(to: file)
        let out = work.appending(path: "out")
        return (out, try CLIHarness.run(CLIHarness.binary.path, ["render", file.path, "--out", out.path], environment: environment))
    }

    /// No key in any file under `folder`.
    static func expectNoKey(_ key: String, under folder: URL) throws {
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        for file in files where (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            #expect(try Data(contentsOf: file).range(of: Data(key.utf8)) == nil, "the key is in \(file.lastPathComponent)")
        }
    }

    @Test("a project planned by the chat model and voiced by OpenAI speech renders, and status.providers says so")
    func planByChat() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "chat-render-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ["OPENAI_API_KEY": Self.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString, "LOG_LEVEL": "debug"]
        let (out, result) = try Self.render(#"{"topic": "Why octopuses have three hearts", "niche": "science", "targetSeconds": 15}"#,
                                            in: work, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")

        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect(status["state"] as? String == "done")
        let providers = try #require(status["providers"] as? [String: String])
        #expect(providers["plan"] == "openai" && providers["voice"] == "openai", "\(status)")
        #expect(providers["align"] == "whisper", "OpenAI speech has no word timings: Whisper times it")
        let plan = try #require(CLIHarness.readJSON(out.appending(path: "plan.json")))
        #expect(plan["source"] as? String == "openai")
        let first = try #require((plan["scenes"] as? [[String: Any]])?.first?["narration"] as? String)
        #expect(first.hasPrefix("Point 1 about why:"), "the model's narration: \(first)")
        let counts = try await server.counts()
        #expect(counts["POST /v1/chat/completions"] == 2, "the plan, then the metadata")
        #expect(counts["POST /v1/audio/speech"] == (plan["scenes"] as? [[String: Any]])?.count, "one request a scene")
        #expect(counts["POST /v1/audio/transcriptions"] == 1, "the joined narration, once")
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        #expect(timings["source"] as? String == "whisper")

        // No key in any file of the job, nor in what the command printed.
        try Self.expectNoKey(Self.key, under: out)
        #expect(!result.stdout.contains(Self.key) && !result.stderr.contains(Self.key))
    }

    @Test("voiced by ElevenLabs, the captions are timed by the speech's own character alignment")
    func voiceByElevenLabs() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "eleven-render-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let key = "el-e2e-never-written-987654"
        let environment = ["ELEVENLABS_API_KEY": key, "ELEVENLABS_BASE_URL": server.baseURL.absoluteString]
        let (out, result) = try Self.render(#"{"topic": "Why octopuses have three hearts", "targetSeconds": 15}"#,
                                            in: work, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        let providers = try #require(status["providers"] as? [String: String])
        #expect(providers["plan"] == "template" && providers["voice"] == "elevenlabs" && providers["align"] == "speech", "\(providers)")
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        #expect((timings["words"] as? [[String: Any]])?.isEmpty == false)
        try Self.expectNoKey(key, under: out)
    }
}
