import FakeProviderServer
import Foundation
import HTTPTransport
import OpenAIProviders
import Providers
import Testing

/// OpenAI speech against the fake server's `/v1/audio/speech` (a chunked mp3 body, no length).
@Suite(.serialized) struct OpenAISpeechProviderTests {
    func provider(_ server: FakeProviderServer) -> OpenAISpeechProvider {
        OpenAISpeechProvider(endpoint: ServiceEndpoint(service: ServiceClient(service: "OpenAI speech", transport: CurlTransport()),
                                                      baseURL: server.url("/v1"), model: "tts-1", apiKey: "sk-speech-test-0000"))
    }

    func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "speech-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func speaksAtTheTemposSpeedIntoAnMP3WhoseLengthIsMeasured() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "scene_00.mp3")
        let text = Array(repeating: "octopus", count: 36).joined(separator: " ")
        let clip = try await provider(server).synthesize(
            SpeechRequest(text: text, voice: nil, language: "en", wordsPerMinute: 180), to: output)
        // 36 words at 150 wpm × 1.2 = 12 s.
        #expect(abs(clip.seconds - 12) < 0.2, "\(clip.seconds) s")
        #expect(clip.voice == "alloy" && clip.words == nil && clip.file == output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_00.mp3"])

        let sent = try #require(try await server.requests().last?["json"] as? [String: Any])
        #expect(sent["speed"] as? Double == 1.2)
        #expect(sent["model"] as? String == "tts-1" && sent["voice"] as? String == "alloy")
        #expect(sent["response_format"] as? String == "mp3")
    }

    @Test func aVoiceThatIsNotOpenAIsFailsBeforeAnyRequest() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = await #expect(throws: ProviderError.self) {
            try await provider(server).synthesize(SpeechRequest(text: "Hello there.", voice: "en-us", language: "en", wordsPerMinute: 150),
                                                  to: folder.appending(path: "a.mp3"))
        }
        #expect(error?.message.hasPrefix("voice: 'en-us' is not an OpenAI voice (alloy, ash,") == true)
        #expect(error?.retryable == false)
        #expect(try await server.counts().isEmpty)
    }

    @Test func aFailedCallLeavesNoFile() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await server.inject("/v1/audio/speech", [["status": 400]])
        await #expect(throws: ServiceError.self) {
            try await provider(server).synthesize(SpeechRequest(text: "Hello there.", voice: "nova", language: "en", wordsPerMinute: 150),
                                                  to: folder.appending(path: "a.mp3"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
