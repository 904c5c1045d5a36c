import FakeProviderServer
import Foundation
import HTTPTransport
import JobDocuments
import OpenAIProviders
import ProjectModel
import Providers
import Testing
import TemplatePlanning

/// The chat planner against the fake server's `/v1/chat/completions`.
@Suite(.serialized) struct ChatPlannerTests {
    static let key = "sk-test-chat-0123456789"

    func planner(_ server: FakeProviderServer, attempts: Int = 3) -> ChatPlanner {
        let service = ServiceClient(service: "OpenAI chat", transport: CurlTransport(),
                                    policy: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(50)), secrets: [Self.key])
        let chat = ChatClient(endpoint: ServiceEndpoint(service: service, baseURL: server.url("/v1"), model: "gpt-4o-mini", apiKey: Self.key))
        return ChatPlanner(chat: chat, fallback: TemplatePlanProvider())
    }

    func project(_ topic: String = "Why octopuses have three hearts", language: String = "en") -> ProjectFile {
        var project = ProjectFile(topic: topic)
        project.niche = "science"
        project.language = language
        project.tempo = .fast
        project.seoKeywords = ["octopus facts", "marine biology"]
        return project
    }

    @Test func writesAPlanFromTheModelAndSaysItRan() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let result = try await planner(server).attributedPlan(for: project())
        #expect(result.provider == "openai")
        let plan = result.plan
        #expect(plan.source == "openai")
        #expect(plan.hooks.count == 5 && plan.hook == plan.hooks[0])
        let pacing = NichePack.named("science")!.pacing(forTargetSeconds: 60)
        #expect((pacing.minScenes...pacing.maxScenes).contains(plan.scenes.count))
        #expect(plan.scenes.allSatisfy { $0.narration.hasPrefix("Point ") && !$0.onScreenText.isEmpty })
        #expect(plan.scenes[0].visual.hasPrefix(NichePack.named("science")!.styleBible))
        #expect(plan.estimate.wordsPerMinute == Tempo.fast.wordsPerMinute)

        // What the model was told, and how it was asked.
        let sent = try #require(try await server.requests().last)
        let headers = try #require(sent["headers"] as? [String: String])
        #expect(headers["Authorization"] == "Bearer \(Self.key)")
        let body = try #require(sent["json"] as? [String: Any])
        #expect(body["model"] as? String == "gpt-4o-mini")
        let format = try #require(body["response_format"] as? [String: Any])
        #expect(format["type"] as? String == "json_schema")
        #expect((format["json_schema"] as? [String: Any])?["strict"] as? Bool == true)
        let user = try #require((body["messages"] as? [[String: String]])?.last?["content"])
        #expect(user.contains("Topic: Why octopuses have three hearts"))
        #expect(user.contains("in English (en)"))
        #expect(user.contains("\(Tempo.fast.wordsPerMinute) words a minute"))
        #expect(user.contains("\(TemplatePlanner.wordBudget(for: project())) words in total"))
        #expect(user.contains("octopus facts, marine biology"))
        #expect(user.contains("Scenes: \(pacing.minScenes) to \(pacing.maxScenes)"))
    }

    @Test func theLanguageGoesIntoThePrompt() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        _ = try await planner(server).plan(for: project("Warum Oktopusse drei Herzen haben", language: "de"))
        let body = try #require(try await server.requests().last?["json"] as? [String: Any])
        let user = try #require((body["messages"] as? [[String: String]])?.last?["content"])
        #expect(user.contains("in German (de)"))
    }

    @Test func aPlanThatFailsItsChecksIsSentBackOnce() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        try await server.inject("/v1/chat/completions", [["content": #"{"hooks": ["only one"], "outline": [], "scenes": []}"#]])
        let result = try await planner(server).attributedPlan(for: project())
        #expect(result.provider == "openai")
        #expect(try await server.counts()["POST /v1/chat/completions"] == 2)
        let repair = try #require(try await server.requests().last?["json"] as? [String: Any])
        let messages = try #require(repair["messages"] as? [[String: String]])
        #expect(messages.count == 4, "system, user, the bad answer, the problems")
        #expect(messages[3]["content"]?.contains("there must be 5 hooks; there are 1") == true)
    }

    @Test func twoBadPlansGiveTheOfflinePlanWithAWarning() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let bad = #"{"hooks": ["a","b","c","d","e"], "outline": [], "scenes": [{"narration": "Too short.", "onScreenText": "X", "visual": "y"}]}"#
        try await server.inject("/v1/chat/completions", [["content": bad], ["content": bad]])
        let result = try await planner(server).attributedPlan(for: project())
        #expect(result.provider == "template")
        #expect(result.plan.source == "template")
        #expect(result.plan.warnings.first?.hasPrefix("the offline plan was used: the model's plan failed its checks twice (") == true)
        #expect(result.plan.scenes.count > 1, "a whole plan, not half of one")
    }

    @Test func anAnswerWithNoJSONGivesTheOfflinePlan() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        try await server.inject("/v1/chat/completions", [["content": "Sorry, I can't help with that."]])
        let result = try await planner(server).attributedPlan(for: project())
        #expect(result.provider == "template")
        #expect(result.plan.warnings.first == "the offline plan was used: the model's answer was unusable (the answer holds no JSON object)")
    }

    @Test func aServerWithoutJSONSchemaIsAskedForAJSONObject() async throws {
        let server = try FakeProviderServer.start(arguments: ["--reject-json-schema"])
        defer { server.stop() }
        let planner = planner(server, attempts: 1)
        let first = try await planner.attributedPlan(for: project())
        #expect(first.provider == "openai", "the fenced JSON object was read")
        #expect(try await server.counts()["POST /v1/chat/completions"] == 2)
        _ = try await planner.plan(for: project())
        #expect(try await server.counts()["POST /v1/chat/completions"] == 3, "json_schema is not tried again")
    }

    @Test func aCallThatFailsForGoodFailsTheStepNamingTheServiceAndStatus() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let fault: [String: any Sendable] = ["status": 500]
        try await server.inject("/v1/chat/completions", [fault, fault, fault])
        let error = await #expect(throws: ServiceError.self) { try await planner(server).plan(for: project()) }
        #expect(error?.description == "OpenAI chat: HTTP 500 server_error: fake error 500 (after 3 attempts)")
        #expect(error?.retryable == true)
    }

    @Test func aWrongKeyIsPermanentAndNeverRepeated() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let body: [String: any Sendable] = ["error": ["message": "Incorrect API key provided: \(Self.key).", "type": "invalid_request_error",
                                                      "param": NSNull(), "code": "invalid_api_key"] as [String: any Sendable]]
        try await server.inject("/v1/chat/completions", [["status": 401, "body": body]])
        let error = await #expect(throws: ServiceError.self) { try await planner(server).plan(for: project()) }
        #expect(error?.retryable == false)
        #expect(error?.description.contains(Self.key) == false)
        #expect(try await server.counts()["POST /v1/chat/completions"] == 1)
    }

    @Test func aProjectWithItsOwnScenesIsPlannedOffline() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        var own = project()
        own.scenes = [ProjectFile.SceneInput(narration: "One thing."), ProjectFile.SceneInput(narration: "Another thing.")]
        let result = try await planner(server).attributedPlan(for: own)
        #expect(result.provider == "template" && result.plan.source == "project")
        #expect(try await server.counts().isEmpty)
    }
}
