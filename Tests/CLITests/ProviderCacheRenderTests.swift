import FakeProviderServer
import Foundation
import Testing

/// The provider cache end to end: the same project rendered again makes no request, and a changed
/// narration makes only the requests that narration needs.
@Suite("render with the provider cache", .serialized)
struct ProviderCacheRenderTests {
    static func project(secondNarration: String) -> String {
        """
        {"topic": "Octopus hearts", "targetSeconds": 15,
         "providers": {"voice": "openai", "align": "whisper", "images": "openai"},
         "scenes": [
           {"narration": "An octopus has three hearts.", "visual": "an octopus in blue water"},
           {"narration": "\(secondNarration)", "visual": "a glowing heart diagram"},
           {"narration": "The third one pumps blood through the body.", "visual": "an octopus swimming"}]}
        """
    }

    @Test("an unchanged project renders again with zero requests; one changed narration is one speech and one transcription")
    func unchangedIsFreeAndChangedCostsOnlyItsScene() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "cache-render-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString,
                           "SPOOL_DIR": work.appending(path: "spool").path]
        func render(_ name: String, _ project: String) async throws -> [String: Int] {
            try await server.reset()
            let (out, result) = try ChatPlanRenderTests.render(project, in: work.appending(path: name), environment: environment)
            #expect(result.status == 0, "\(result.stderr)")
            let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
            #expect(status["state"] as? String == "done")
            return try await server.counts()
        }
        let first = try await render("first", Self.project(secondNarration: "Two of them pump blood through the gills."))
        #expect(first["POST /v1/audio/speech"] == 3 && first["POST /v1/audio/transcriptions"] == 1, "\(first)")
        #expect(first["POST /v1/images/generations"] == 3, "\(first)")

        let again = try await render("again", Self.project(secondNarration: "Two of them pump blood through the gills."))
        #expect(again.values.reduce(0, +) == 0, "an unchanged project: \(again)")

        let changed = try await render("changed", Self.project(secondNarration: "Two small ones serve the gills."))
        #expect(changed == ["POST /v1/audio/speech": 1, "POST /v1/audio/transcriptions": 1], "\(changed)")

        // The cache's rows are in the spool's index, and `cache stats` reads them.
        let stats = try CLIHarness.run(CLIHarness.binary.path, ["cache", "stats", "--json"], environment: environment)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        // 3 speech + 1 transcription + 3 images + 1 metadata, then 1 speech + 1 transcription;
        // hits: 8, then 2 speech + 3 images + 1 metadata.
        #expect(report["entries"] as? Int == 10 && report["hits"] as? Int == 14, "\(stats.stdout)")
        try ChatPlanRenderTests.expectNoKey(ChatPlanRenderTests.key, under: work)
        let pruned = try CLIHarness.run(CLIHarness.binary.path, ["cache", "prune", "--all"], environment: environment)
        #expect(pruned.status == 0 && pruned.stdout.hasPrefix("pruned: 10 removed"), "\(pruned.stdout)")
    }

    @Test("a project planned by the chat model and illustrated by OpenAI renders again with zero requests")
    func plannedProjectAgainIsFree() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "cache-plan-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let environment = ["OPENAI_API_KEY": ChatPlanRenderTests.key, "OPENAI_BASE_URL": server.url("/v1").absoluteString,
                           "SPOOL_DIR": work.appending(path: "spool").path]
        let project = #"{"topic": "Why octopuses have three hearts", "targetSeconds": 15}"#
        let (_, first) = try ChatPlanRenderTests.render(project, in: work.appending(path: "first"), environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let paid = try await server.counts()
        #expect(paid["POST /v1/chat/completions"] == 2 && (paid["POST /v1/images/generations"] ?? 0) > 0, "\(paid)")
        try await server.reset()
        let (out, again) = try ChatPlanRenderTests.render(project, in: work.appending(path: "again"), environment: environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try await server.counts().values.reduce(0, +) == 0)
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect((status["cost"] as? [String: Any])?["actualUsd"] as? Double == 0, "cached answers cost nothing")
        #expect((status["providers"] as? [String: String])?["plan"] == "openai")
    }
}
