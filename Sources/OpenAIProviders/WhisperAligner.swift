import Foundation
import HTTPTransport
import JobDocuments
import ProjectModel
import Providers

/// Word timings from OpenAI transcription (`whisper-1`, or a whisper.cpp server through
/// `OPENAI_TRANSCRIBE_BASE_URL`), for speech that came without its own: OpenAI speech, a user's
/// `voiceover`.
///
/// The joined narration is uploaded once (multipart, `verbose_json`, word and segment granularity,
/// the project's language, the script as the prompt). The caption words are the script's, timed by
/// the heard words through ``TranscriptMatcher``, so a misheard word still shows as written.
public struct WhisperAligner: WordAligner {
    public let name = "whisper"
    let endpoint: ServiceEndpoint

    /// The API's request limit (25 MiB), less room for the other fields.
    static let maxUploadBytes = 25 * 1024 * 1024 - 64 * 1024

    public init(endpoint: ServiceEndpoint) {
        self.endpoint = endpoint
    }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness { endpoint.readiness }

    public func align(_ request: AlignmentRequest) async throws -> WordTimings {
        let size = (try? FileManager.default.attributesOfItem(atPath: request.voiceover.path)[.size] as? Int) ?? 0
        guard size > 0 else { throw ProviderError("align: \(request.voiceover.lastPathComponent) is missing or empty", retryable: false) }
        guard size <= Self.maxUploadBytes else {
            throw ProviderError("align: the narration is \(size / 1_048_576) MiB; transcription takes at most 25 MiB", retryable: false)
        }
        let script = request.speech.scenes.map { speech in
            (speech.index, SpeechText.words(ofNormalized: SpeechText.normalize(
                request.plan.scenes.first { $0.index == speech.index }?.narration ?? "")))
        }
        let allWords = script.flatMap(\.1)
        var parts = [
            MultipartPart(name: "model", text: endpoint.model),
            MultipartPart(name: "response_format", text: "verbose_json"),
            MultipartPart(name: "timestamp_granularities[]", text: "word"),
            MultipartPart(name: "timestamp_granularities[]", text: "segment"),
            // The script helps the recogniser spell names; the API reads about 224 tokens of it.
            MultipartPart(name: "prompt", text: String(allWords.joined(separator: " ").prefix(800))),
            MultipartPart(name: "file", file: request.voiceover, contentType: "audio/wav"),
        ]
        if let language = Self.isoLanguage(request.language) { parts.insert(MultipartPart(name: "language", text: language), at: 1) }
        let http = HTTPRequest(method: "POST", url: endpoint.url("audio/transcriptions"), headers: endpoint.headers,
                               body: .multipart(parts), timeouts: .init(total: endpoint.timeout))
        let (transcript, _) = try await endpoint.service.sendJSON(http, as: Transcript.self)
        let heard = (transcript.words ?? []).map { SpokenWord(text: $0.word, start: $0.start, end: $0.end) }
        guard !heard.isEmpty else {
            throw ProviderError("align: the transcription has no word timings (is the model whisper-1, or a whisper.cpp server?)", retryable: true)
        }
        let times = TranscriptMatcher.times(script: allWords, heard: heard, speechEnd: request.speech.totalSeconds)
        var words: [TimedWord] = []
        var position = 0
        for (scene, sceneWords) in script {
            for word in sceneWords {
                words.append(TimedWord(text: word, start: times[position].start, end: times[position].end, scene: scene))
                position += 1
            }
        }
        return WordTimings(source: name, voiceSeconds: request.speech.totalSeconds, scenes: request.sceneSpans(), words: words)
    }

    /// The ISO 639-1 code transcription takes (`pt` for `pt-BR`), nil when the tag has none.
    static func isoLanguage(_ tag: String) -> String? {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return primary.count == 2 ? primary : nil
    }

    private struct Transcript: Decodable {
        struct Word: Decodable {
            var word: String
            var start: Double
            var end: Double
        }
        var words: [Word]?
    }
}

extension WhisperAligner: CostEstimating {
    public func estimatedUsd(for project: ProjectFile) -> Double {
        endpoint.price.usd(Usage(audioSeconds: ProjectSize.spokenSeconds(project)))
    }
}
