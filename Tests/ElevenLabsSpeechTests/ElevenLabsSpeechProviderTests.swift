import ElevenLabsSpeech
import FakeProviderServer
import Foundation
import HTTPTransport
import JobDocuments
import Providers
import Testing

/// ElevenLabs `with-timestamps` against the fake server: audio plus every character's time.
@Suite(.serialized) struct ElevenLabsSpeechProviderTests {
    func provider(_ server: FakeProviderServer, key: String? = "el-test-key-0123456789") -> ElevenLabsSpeechProvider {
        ElevenLabsSpeechProvider(endpoint: ServiceEndpoint(
            service: ServiceClient(service: "ElevenLabs speech", transport: CurlTransport(), secrets: key.map { [$0] } ?? []),
            baseURL: server.baseURL, model: "eleven_multilingual_v2", apiKey: key, keyHeader: .named("xi-api-key")))
    }

    @Test func speechComesWithItsWordsTimedByTheCharacterAlignment() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "eleven-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "scene_00.mp3")
        let narration = "Octopuses have *three* hearts — and blue blood. Two pump blood through the gills."
        let clip = try await provider(server).synthesize(
            SpeechRequest(text: narration, voice: nil, language: "en", wordsPerMinute: 120), to: output)

        let words = try #require(clip.words)
        #expect(words.map(\.text) == SpeechText.words(ofNormalized: SpeechText.normalize(narration)))
        #expect(words.map(\.start) == words.map(\.start).sorted() && words.allSatisfy { $0.end > $0.start })
        // The fake speaks at 150 wpm × speed 0.8: 13 words (the dash became a comma) take 6.5 s.
        #expect(words.count == 13)
        #expect(abs(clip.seconds - 6.5) < 0.2, "\(clip.seconds) s")
        #expect(abs((words.last?.end ?? 0) - 6.5) < 0.05)
        #expect(clip.voice == ElevenLabsSpeechProvider.defaultVoiceID)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_00.mp3"])

        let sent = try #require(try await server.requests().last)
        #expect((sent["headers"] as? [String: String])?["xi-api-key"] == "el-test-key-0123456789")
        #expect((sent["headers"] as? [String: String])?["Authorization"] == nil)
        #expect(sent["path"] as? String == "/v1/text-to-speech/\(ElevenLabsSpeechProvider.defaultVoiceID)/with-timestamps")
        #expect(sent["query"] as? String == "output_format=mp3_44100_128")
        let body = try #require(sent["json"] as? [String: Any])
        #expect(body["model_id"] as? String == "eleven_multilingual_v2")
        #expect((body["voice_settings"] as? [String: Any])?["speed"] as? Double == 0.8)
        #expect(body["text"] as? String == SpeechText.normalize(narration), "the normalised text, whose words the captions show")
    }

    @Test func noKeyIsAPermanentFailureInElevenLabsOwnWords() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let error = await #expect(throws: ServiceError.self) {
            try await provider(server, key: nil).synthesize(SpeechRequest(text: "Hello.", voice: nil, language: "en", wordsPerMinute: 150),
                                                            to: FileManager.default.temporaryDirectory.appending(path: "unused-\(UUID().uuidString).mp3"))
        }
        #expect(error?.status == 401 && error?.code == "needs_authorization" && error?.retryable == false)
        #expect(try await server.counts().values.reduce(0, +) == 1)
    }
}
