import FakeProviderServer
import Foundation
import HTTPTransport
import JobDocuments
import Media
import OpenAIProviders
import ProjectModel
import Providers
import Testing
import TemplatePlanning

/// Whisper timings against the fake server's `/v1/audio/transcriptions`, which "hears" the prompt's
/// words with every fifth one misheard and the ninth one missed.
@Suite(.serialized) struct WhisperAlignerTests {
    @Test func timesTheScriptsOwnWordsByWhatWasHeard() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appending(path: "whisper-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        var project = ProjectFile(topic: "Octopuses")
        project.language = "de"
        var first = ProjectFile.SceneInput(narration: "Oktopusse haben drei Herzen und blaues Blut.")
        first.seconds = 4
        var second = ProjectFile.SceneInput(narration: "Zwei Herzen pumpen Blut durch die Kiemen, eines durch den Körper.")
        second.seconds = 6
        project.scenes = [first, second]
        let plan = TemplatePlanner.plan(for: project)
        let voiceover = folder.appending(path: "voiceover.wav")
        try WAVFile.write([Int16](repeating: 0, count: 22_050 * 10), sampleRate: 22_050, to: voiceover)
        let speech = SpeechManifest(engine: "openai", voice: "alloy", sampleRate: 22_050, totalSeconds: 10, scenes: [
            .init(index: 0, offset: 0, duration: 3.8, words: []), .init(index: 1, offset: 4.15, duration: 5.85, words: []),
        ])
        let aligner = WhisperAligner(endpoint: ServiceEndpoint(service: ServiceClient(service: "OpenAI transcription", transport: CurlTransport()),
                                                              baseURL: server.url("/v1"), model: "whisper-1", apiKey: "sk-whisper-test-000"))
        let timings = try await aligner.align(AlignmentRequest(plan: plan, speech: speech, voiceover: voiceover, tailSeconds: 1, language: "de"))

        #expect(timings.source == "whisper")
        let script = plan.scenes.flatMap { SpeechText.words(ofNormalized: SpeechText.normalize($0.narration)) }
        #expect(timings.words.map(\.text) == script, "the captions are the script's words, misheard ones included")
        #expect(timings.words.map(\.scene) == [0, 0, 0, 0, 0, 0, 0] + Array(repeating: 1, count: script.count - 7))
        #expect(timings.words.map(\.start) == timings.words.map(\.start).sorted())
        #expect(timings.words.allSatisfy { $0.start >= 0 && $0.end <= 10 && $0.end >= $0.start })
        #expect(timings.words[0].start == 0.1, "the first heard word's time")

        let sent = try #require(try await server.requests().last?["fields"] as? [String: Any])
        #expect(sent["model"] as? String == "whisper-1")
        #expect(sent["language"] as? String == "de")
        #expect(sent["response_format"] as? String == "verbose_json")
        #expect(sent["timestamp_granularities[]"] as? [String] == ["word", "segment"])
        #expect((sent["file"] as? [String: Any])?["contentType"] as? String == "audio/wav")
        #expect((sent["prompt"] as? String)?.hasPrefix("Oktopusse haben drei Herzen") == true)
    }
}
