import FakeProviderServer
import Foundation
import Testing

/// `render` with a project's `"providers"`: a configured service can be passed over, and a chosen one
/// that is not configured fails the job when it is read, saying what to set.
@Suite("render with chosen providers", .serialized)
struct ProviderChoiceRenderTests {
    @Test("a provider chosen but not configured fails at read time, naming the variable to set")
    func unconfiguredChoiceFailsAtReadTime() throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "choice-fail-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let (out, result) = try ChatPlanRenderTests.render(#"{"topic": "Octopus hearts", "providers": {"voice": "openai"}}"#,
                                                           in: work.appending(path: "a"), environment: [:])
        #expect(result.status != 0)
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        let error = try #require(status["error"] as? [String: Any])
        #expect(error["message"] as? String == "providers.voice: 'openai' is not configured on this machine: set OPENAI_API_KEY or OPENAI_TTS_BASE_URL")
        #expect(error["retryable"] as? Bool == false && (status["steps"] as? [Any])?.isEmpty == true)
        #expect(result.stderr.contains("OPENAI_TTS_BASE_URL"), "\(result.stderr)")

        // The daemon's default is named by its variable.
        let (_, byDefault) = try ChatPlanRenderTests.render(#"{"topic": "Octopus hearts"}"#, in: work.appending(path: "b"),
                                                            environment: ["PROVIDER_VOICE": "elevenlabs"])
        #expect(byDefault.status != 0)
        #expect(byDefault.stderr.contains("PROVIDER_VOICE: 'elevenlabs' is not configured on this machine: set ELEVENLABS_API_KEY"), "\(byDefault.stderr)")

        // A voice the chosen provider does not have fails the same way.
        let (_, badVoice) = try ChatPlanRenderTests.render(#"{"topic": "Octopus hearts", "voice": "en-klingon"}"#,
                                                           in: work.appending(path: "c"), environment: [:])
        #expect(badVoice.status != 0 && badVoice.stderr.contains("espeak-ng has no voice 'en-klingon'"), "\(badVoice.stderr)")
    }

    @Test("with OpenAI configured, a project that chooses the offline providers makes no request")
    func offlineChoiceOverConfiguredServices() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "choice-offline-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString]
        let project = #"{"topic": "Why octopuses have three hearts", "targetSeconds": 15, "providers": {"plan": "template", "voice": "espeak", "align": "proportional", "images": "painter"}}"#
        let (out, result) = try ChatPlanRenderTests.render(project, in: work, environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        let providers = try #require(status["providers"] as? [String: String])
        #expect(providers["plan"] == "template" && providers["voice"] == "espeak-ng" && providers["align"] == "proportional" && providers["images"] == "painter", "\(providers)")
        let counts = try await server.counts()
        #expect(counts.values.reduce(0, +) == 0, "\(counts)")
    }
}
