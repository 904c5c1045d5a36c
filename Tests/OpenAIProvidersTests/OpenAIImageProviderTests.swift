import FakeProviderServer
import Foundation
import HTTPTransport
import JobDocuments
import Media
import OpenAIProviders
import ProjectModel
import Providers
import Testing

/// OpenAI images against the fake server's `/v1/images/generations`, which checks each model's sizes
/// and parameters as the real API does.
@Suite(.serialized) struct OpenAIImageProviderTests {
    static let key = "sk-images-test-0000"

    func provider(_ server: FakeProviderServer, model: String) -> OpenAIImageProvider {
        OpenAIImageProvider(endpoint: ServiceEndpoint(
            service: ServiceClient(service: "OpenAI images", transport: CurlTransport(), secrets: [Self.key]),
            baseURL: server.url("/v1"), model: model, apiKey: Self.key))
    }

    func request(niche: String = "horror", visual: String = "an old lighthouse on a cliff at night") -> ImageRequest {
        var project = ProjectFile(topic: "The lighthouse keeper")
        project.niche = niche
        project.visualStyle = "grainy film"
        let scene = Plan.Scene(index: 3, narration: "He never came back.", onScreenText: "", visual: visual, image: nil,
                               effect: .slowZoomIn, targetSeconds: 5)
        return ImageRequest(scene: scene, project: project, width: 216, height: 384)
    }

    /// The size of a PNG as ffprobe reads it.
    func size(of png: URL) async throws -> (Int, Int, String) {
        let stream = try #require(try await MediaProbe.probe(png).videoStreams.first)
        return (stream.width, stream.height, stream.codec)
    }

    @Test func dallE3IsAskedForItsPortraitSizeInBase64AndTheAnswerIsCroppedToTheRequest() async throws {
        try await FakeProviderServer.withServer(folder: "images") { server, folder in
            let output = folder.appending(path: "scene_03.png")
            let visual = try await provider(server, model: "dall-e-3").image(request(), to: output)
            #expect(visual == SceneVisual(kind: .image, file: "scene_03.png", provider: "openai"))
            let (width, height, codec) = try await size(of: output)
            #expect(width == 216 && height == 384 && codec == "png")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_03.png"], "nothing else is left")

            let sent = try #require(try await server.requests().last?["json"] as? [String: Any])
            #expect(sent["model"] as? String == "dall-e-3" && sent["size"] as? String == "1024x1792" && sent["n"] as? Int == 1)
            #expect(sent["response_format"] as? String == "b64_json" && sent["quality"] as? String == "standard")
            let prompt = try #require(sent["prompt"] as? String)
            #expect(prompt.hasPrefix("dark, eerie, fog, cold moonlight, red accents, cinematic horror, grainy film, an old lighthouse on a cliff at night, vertical 9:16 composition. Avoid: blurry,"), "\(prompt)")
            #expect(prompt.hasSuffix("bright colours, cartoon, anime."), "the horror pack's own: \(prompt)")
            #expect(try await server.counts() == ["POST /v1/images/generations": 1])
        }
    }

    @Test func gptImageModelsGetTheirOwnPortraitSizeAndNoResponseFormat() async throws {
        try await FakeProviderServer.withServer(folder: "images") { server, folder in
            let output = folder.appending(path: "scene_03.png")
            _ = try await provider(server, model: "gpt-image-1").image(request(), to: output)
            let (width, height, _) = try await size(of: output)
            #expect(width == 216 && height == 384)
            let sent = try #require(try await server.requests().last?["json"] as? [String: Any])
            #expect(sent["size"] as? String == "1024x1536" && sent["response_format"] == nil, "gpt-image refuses response_format")
        }
    }

    @Test func dallE2HasNoPortraitSizeSoItsSquareIsCroppedAndItsPromptKeptShort() async throws {
        try await FakeProviderServer.withServer(folder: "images") { server, folder in
            let output = folder.appending(path: "scene_03.png")
            let long = Array(repeating: "a lighthouse keeper climbing endless stairs", count: 40).joined(separator: " ")
            _ = try await provider(server, model: "dall-e-2").image(request(visual: long), to: output)
            let (width, height, _) = try await size(of: output)
            #expect(width == 216 && height == 384)
            let sent = try #require(try await server.requests().last?["json"] as? [String: Any])
            #expect(sent["size"] as? String == "1024x1024")
            let prompt = try #require(sent["prompt"] as? String)
            #expect(prompt.count <= 1000 && prompt.hasSuffix("anime."), "cut to dall-e-2's 1000 characters, what to avoid kept")
        }
    }

    @Test func aURLAnswerIsDownloadedWithoutTheKey() async throws {
        try await FakeProviderServer.withServer(folder: "images") { server, folder in
            let output = folder.appending(path: "scene_03.png")
            // A local server's model: no response_format is sent, and the fake answers with a URL.
            _ = try await provider(server, model: "sdxl-turbo").image(request(), to: output)
            let (width, height, _) = try await size(of: output)
            #expect(width == 216 && height == 384)
            let counts = try await server.counts()
            #expect(counts["POST /v1/images/generations"] == 1 && counts.keys.contains { $0.hasPrefix("GET /files/generated-") })
            let download = try #require(try await server.requests().last)
            #expect((download["path"] as? String)?.hasPrefix("/files/") == true)
            let headers = (download["headers"] as? [String: String]) ?? [:]
            #expect(!headers.keys.contains { $0.lowercased() == "authorization" }, "the key goes to the API only: \(headers)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_03.png"])
        }
    }

    @Test func aRefusedRequestFailsAndLeavesNoFile() async throws {
        try await FakeProviderServer.withServer(folder: "images") { server, folder in
            try await server.inject("/v1/images/generations", [[
                "status": 400,
                "body": ["error": ["message": "Your request was rejected by the safety system. key sk-images-test-0000",
                                   "type": "invalid_request_error", "param": "prompt", "code": "content_policy_violation"]],
            ]])
            let error = await #expect(throws: ServiceError.self) {
                try await provider(server, model: "dall-e-3").image(request(), to: folder.appending(path: "scene_03.png"))
            }
            #expect(error?.retryable == false && error?.description.contains("rejected by the safety system") == true)
            #expect(error?.description.contains(Self.key) == false, "the key is never in a message")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        }
    }
}
