import FakeProviderServer
import Foundation
import HTTPTransport
import OpenAIProviders
import ProjectModel
import Providers
import Testing
import TemplatePlanning

/// TikTok metadata from the chat model, with the template's as the fallback.
@Suite(.serialized) struct ChatMetadataWriterTests {
    func writer(_ server: FakeProviderServer) -> ChatMetadataWriter {
        let service = ServiceClient(service: "OpenAI chat", transport: CurlTransport(), policy: RetryPolicy(maxAttempts: 1))
        return ChatMetadataWriter(chat: ChatClient(endpoint: ServiceEndpoint(service: service, baseURL: server.url("/v1"),
                                                                            model: "gpt-4o-mini", apiKey: "sk-test")))
    }

    func project() -> ProjectFile {
        var project = ProjectFile(topic: "Why octopuses have three hearts")
        project.seoKeywords = ["octopus facts"]
        return project
    }

    @Test func titleCaptionAndHashtagsComeFromTheModelKeywordsFirst() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let plan = try await TemplatePlanProvider().plan(for: project())
        let (metadata, provider, warning) = try await writer(server).metadata(for: project(), plan: plan)
        #expect(provider == "openai" && warning == nil)
        #expect(metadata.title == "Why octopuses have three hearts: the short answer")
        #expect(metadata.caption.hasPrefix("You will not guess this"))
        #expect(metadata.hashtags.first == "octopusfacts" && metadata.hashtags.contains("didyouknow") && metadata.hashtags.count <= 10)
        // The prompt says what the video is about and in which language, not what its scenes say.
        let prompt = try #require(try await server.requests().last?["json"] as? [String: Any])
        let text = "\(prompt["messages"] ?? "")"
        #expect(text.contains("Topic: Why octopuses have three hearts") && text.contains("Language: en"))
        #expect(!text.contains(plan.scenes[1].narration))
    }

    @Test func anUnusableAnswerFallsBackToTheTemplateWithAWarning() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        try await server.inject("/v1/chat/completions", [["content": "Sorry, I cannot help with that."]])
        let plan = try await TemplatePlanProvider().plan(for: project())
        let (metadata, provider, warning) = try await writer(server).metadata(for: project(), plan: plan)
        #expect(provider == "template")
        #expect(warning?.contains("unusable") == true)
        #expect(metadata == TemplateMetadataWriter.metadata(project(), plan))
    }
}
