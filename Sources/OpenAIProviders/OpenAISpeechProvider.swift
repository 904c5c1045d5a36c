import Foundation
import HTTPTransport
import JobDocuments
import Media
import ProjectModel
import Providers

/// OpenAI speech (`POST /audio/speech`) as the voice step's provider ("openai"), or any server that
/// speaks that API (a local Kokoro or Piper server through `OPENAI_TTS_BASE_URL`).
///
/// Guarantees:
/// - the tempo reaches the voice: `speed` is the tempo's words a minute over 150 (0.8, 1.0, 1.2);
///   the system we rebuild never sent it;
/// - the audio is streamed to a `.part` file and renamed into place only when complete;
/// - its length is measured from the file (ffprobe), never assumed from a header: the API sends a
///   chunked body with no length;
/// - it returns no word timings: the align step gets them from Whisper or estimates them.
public struct OpenAISpeechProvider: SpeechProvider {
    public let name = "openai"
    public let audioExtension = "mp3"
    let endpoint: ServiceEndpoint

    /// The built-in voices of `/audio/speech` (the reference lists 13).
    public static let voices: Set<String> = [
        "alloy", "ash", "ballad", "coral", "echo", "fable", "onyx", "nova", "sage", "shimmer", "verse", "marin", "cedar",
    ]
    /// The API's limit on `input`.
    static let maxInputCharacters = 4096

    public init(endpoint: ServiceEndpoint) {
        self.endpoint = endpoint
    }

    public func defaultVoice(forLanguage language: String) -> String { "alloy" }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness { endpoint.readiness }

    /// The languages OpenAI's speech and transcription models are documented for (Whisper's list),
    /// by ISO 639-1 code.
    public static let languages: Set<String> = [
        "af", "ar", "hy", "az", "be", "bs", "bg", "ca", "zh", "hr", "cs", "da", "nl", "en", "et", "fi", "fr", "gl",
        "de", "el", "he", "hi", "hu", "is", "id", "it", "ja", "kn", "kk", "ko", "lv", "lt", "mk", "ms", "mr", "mi",
        "ne", "no", "nb", "fa", "pl", "pt", "ro", "ru", "sr", "sk", "sl", "es", "sw", "sv", "tl", "fil", "ta", "th",
        "tr", "uk", "ur", "vi", "cy",
    ]

    public func checkLanguage(_ language: String) throws {
        let primary = language.split(separator: "-").first.map(String.init) ?? language
        guard Self.languages.contains(primary) else {
            throw ProviderError("language: OpenAI speech is not documented for '\(language)' (it speaks \(Self.languages.count) languages: \(Self.languages.sorted().joined(separator: ", "))); use providers.voice espeak for it", retryable: false)
        }
    }

    public func checkVoice(_ voice: String) throws {
        guard Self.voices.contains(voice) else {
            throw ProviderError("voice: '\(voice)' is not an OpenAI voice (\(Self.voices.sorted().joined(separator: ", ")))", retryable: false)
        }
    }

    public func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip {
        let voice = request.voice ?? defaultVoice(forLanguage: request.language)
        try checkVoice(voice)
        guard request.text.count <= Self.maxInputCharacters else {
            throw ProviderError("voice: a scene's narration has \(request.text.count) characters; OpenAI speech takes at most \(Self.maxInputCharacters)", retryable: false)
        }
        let body: [String: Any] = [
            "model": endpoint.model, "input": request.text, "voice": voice, "response_format": audioExtension,
            "speed": request.speed(within: 0.25...4),
        ]
        var http = HTTPRequest.postJSON(endpoint.url("audio/speech"),
                                        json: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
                                        headers: endpoint.headers, timeouts: .init(total: endpoint.timeout))
        http.downloadTo = output
        _ = try await endpoint.service.send(http)
        let seconds: Double
        do {
            seconds = try await MediaProbe.probe(output).duration
        } catch {
            try? FileManager.default.removeItem(at: output)
            throw ProviderError("voice: the speech OpenAI returned cannot be read as \(audioExtension) (\(error))", retryable: true)
        }
        return SpeechClip(file: output, seconds: seconds, words: nil, voice: voice)
    }
}

extension OpenAISpeechProvider: CostEstimating {
    public func estimatedUsd(for project: ProjectFile) -> Double {
        project.voiceover != nil ? 0 : endpoint.price.usd(Usage(characters: ProjectSize.spokenCharacters(project)))
    }
}
