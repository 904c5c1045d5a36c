import FileSafety
import Foundation
import HTTPTransport
import JobDocuments
import Media
import ProjectModel
import Providers

/// ElevenLabs as the voice step's provider ("elevenlabs"), through `with-timestamps`: the speech and
/// the time of every character of it, so captions are timed by the speech itself, with no estimate
/// and no transcription.
///
/// Guarantees:
/// - the text sent is the normalised narration (``SpeechText``), so the words cut from the character
///   alignment are the words the captions show;
/// - the tempo reaches the voice: `voice_settings.speed` is the tempo's words a minute over 150,
///   within ElevenLabs' 0.7–1.2;
/// - the audio is written under a temporary name and renamed when complete, and its length is
///   measured from the file.
public struct ElevenLabsSpeechProvider: SpeechProvider {
    public let name = "elevenlabs"
    public let audioExtension = "mp3"
    let endpoint: ServiceEndpoint

    /// "Rachel", the voice of ElevenLabs' own examples.
    public static let defaultVoiceID = "21m00Tcm4TlvDq8ikWAM"
    /// `eleven_multilingual_v2`'s limit per request.
    static let maxCharacters = 10_000

    /// `endpoint` sends its key as `xi-api-key`: give it `keyHeader: .named("xi-api-key")`.
    public init(endpoint: ServiceEndpoint) {
        self.endpoint = endpoint
    }

    public func defaultVoice(forLanguage language: String) -> String { Self.defaultVoiceID }

    /// The languages of each model, by ISO 639-1 code (ElevenLabs' model pages); a model not listed
    /// here is not checked.
    static let modelLanguages: [String: Set<String>] = {
        let multilingual: Set<String> = [
            "en", "ja", "zh", "de", "hi", "fr", "ko", "pt", "it", "es", "id", "nl", "tr", "fil", "tl", "pl", "sv", "bg",
            "ro", "ar", "cs", "el", "fi", "hr", "ms", "sk", "da", "ta", "uk", "ru",
        ]
        let english: Set<String> = ["en"]
        return [
            "eleven_multilingual_v2": multilingual,
            "eleven_flash_v2_5": multilingual.union(["hu", "no", "nb", "vi"]),
            "eleven_turbo_v2_5": multilingual.union(["hu", "no", "nb", "vi"]),
            "eleven_monolingual_v1": english, "eleven_turbo_v2": english, "eleven_flash_v2": english,
        ]
    }()

    public func checkLanguage(_ language: String) throws {
        guard let known = Self.modelLanguages[endpoint.model] else { return }
        let primary = language.split(separator: "-").first.map(String.init) ?? language
        guard known.contains(primary) else {
            let fix = known.count == 1 ? "set ELEVENLABS_MODEL=eleven_multilingual_v2" : "use providers.voice espeak for it"
            throw ProviderError("language: the ElevenLabs model \(endpoint.model) does not speak '\(language)' (\(fix))", retryable: false)
        }
    }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness { endpoint.readiness }

    public var timesItsWords: Bool { true }

    /// ElevenLabs names voices by id, and an account's own voices are not listed anywhere offline:
    /// the check is the id's form (20 letters and digits), so a name such as "Rachel" fails early.
    public func checkVoice(_ voice: String) throws {
        guard voice.count == 20, voice.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ProviderError("voice: '\(voice)' is not an ElevenLabs voice id (20 letters and digits, such as \(Self.defaultVoiceID))", retryable: false)
        }
    }

    public func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip {
        let voice = request.voice ?? Self.defaultVoiceID
        let text = SpeechText.normalize(request.text)
        guard text.count <= Self.maxCharacters else {
            throw ProviderError("voice: a scene's narration has \(text.count) characters; ElevenLabs takes at most \(Self.maxCharacters)", retryable: false)
        }
        let body: [String: Any] = [
            "text": text, "model_id": endpoint.model,
            "voice_settings": ["speed": request.speed(within: 0.7...1.2)],
        ]
        var url = endpoint.url("v1/text-to-speech/\(voice)/with-timestamps")
        url.append(queryItems: [URLQueryItem(name: "output_format", value: "mp3_44100_128")])
        let http = HTTPRequest.postJSON(url, json: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys]),
                                        headers: endpoint.headers, timeouts: .init(total: endpoint.timeout))
        let (answer, _) = try await endpoint.service.sendJSON(http, as: Answer.self)
        guard let audio = Data(base64Encoded: answer.audioBase64), !audio.isEmpty else {
            throw ProviderError("voice: ElevenLabs sent no audio", retryable: true)
        }
        try AtomicFile.write(audio, to: output, durable: false)
        let seconds = try await MediaProbe.probe(output).duration
        let words = (answer.alignment ?? answer.normalizedAlignment).map(Self.words) ?? nil
        return SpeechClip(file: output, seconds: seconds, words: words, voice: voice)
    }

    /// Words from a character alignment: runs of non-space characters, each from its first
    /// character's start to its last one's end.
    static func words(_ alignment: Answer.Alignment) -> [SpokenWord] {
        let count = min(alignment.characters.count, alignment.characterStartTimesSeconds.count, alignment.characterEndTimesSeconds.count)
        var words: [SpokenWord] = []
        var text = "", start = 0.0, end = 0.0
        for position in 0..<count {
            let character = alignment.characters[position]
            if character.allSatisfy(\.isWhitespace) {
                if !text.isEmpty { words.append(SpokenWord(text: text, start: start, end: end)) }
                text = ""
                continue
            }
            if text.isEmpty { start = alignment.characterStartTimesSeconds[position] }
            text += character
            end = alignment.characterEndTimesSeconds[position]
        }
        if !text.isEmpty { words.append(SpokenWord(text: text, start: start, end: end)) }
        return words
    }

    struct Answer: Decodable {
        struct Alignment: Decodable {
            var characters: [String]
            var characterStartTimesSeconds: [Double]
            var characterEndTimesSeconds: [Double]
            enum CodingKeys: String, CodingKey {
                case characters, characterStartTimesSeconds = "character_start_times_seconds"
                case characterEndTimesSeconds = "character_end_times_seconds"
            }
        }
        var audioBase64: String
        var alignment: Alignment?
        var normalizedAlignment: Alignment?
        enum CodingKeys: String, CodingKey {
            case audioBase64 = "audio_base64", alignment, normalizedAlignment = "normalized_alignment"
        }
    }
}

extension ElevenLabsSpeechProvider: CostEstimating {
    public func estimatedUsd(for project: ProjectFile) -> Double {
        project.voiceover != nil ? 0 : endpoint.price.usd(Usage(characters: ProjectSize.spokenCharacters(project)))
    }
}
