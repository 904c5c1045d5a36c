import Dispatch
import Foundation
import Media
import JobDocuments
import Languages
import Providers

/// espeak-ng as the voice step's provider: offline speech in about a hundred languages, with the
/// engine's own word timings (exact, so captions need no estimate). Writes 16-bit mono WAV.
///
/// The synthesis blocks, so it runs on a serial queue of its own (``BlockingCall``): the library is
/// one global state anyway, and the cooperative pool stays free for the daemon.
public struct EspeakSpeechProvider: SpeechProvider {
    public let name = "espeak-ng"
    public let audioExtension = "wav"

    private static let queue = DispatchQueue(label: "tiktok-ai.espeak-ng", qos: .userInitiated)

    public init() {}

    public var timesItsWords: Bool { true }

    public func checkVoice(_ voice: String) throws {
        do {
            try SpeechSynthesizer.checkVoice(voice)
        } catch SpeechError.unknownVoice {
            throw ProviderError("voice: espeak-ng has no voice '\(voice)' (`espeak-ng --voices` lists them; a language code such as en-gb works too)", retryable: false)
        }
    }

    public func checkLanguage(_ language: String) throws {
        guard SpeechSynthesizer.voice(forLanguage: language) != nil else {
            throw ProviderError("language: espeak-ng on this machine has no voice for '\(language)' (`tiktok-ai languages` lists the languages it speaks; name a \"voice\" to choose one yourself)", retryable: false)
        }
    }

    /// espeak-ng's Japanese voice reads kana only: for a kanji it says "Chinese letter", in English.
    public func readingProblem(_ text: String, language: String) -> String? {
        guard language.split(separator: "-").first == "ja" else { return nil }
        let kanji = text.unicodeScalars.filter { Script.of($0) == .han }.count
        guard kanji > 0 else { return nil }
        return "espeak-ng's Japanese voice reads kana only: it says \"Chinese letter\" for each of the \(kanji) kanji; write the narration in kana, or use providers.voice openai or elevenlabs"
    }

    public func defaultVoice(forLanguage language: String) -> String {
        SpeechSynthesizer.defaultVoice(forLanguage: language)
    }

    /// Speaks one word: proves the library and its voice data are installed.
    public func readiness() async -> ProviderReadiness {
        do {
            let speech = try await BlockingCall.run(on: Self.queue) { flag in
                try SpeechSynthesizer.synthesize("ready", voice: "en-us", wordsPerMinute: 150, cancellation: flag)
            }
            return .ready(String(format: "spoke a word in %.2f s of audio at %d Hz", speech.duration, speech.sampleRate))
        } catch {
            return .notReady("\(error) (install espeak-ng and libespeak-ng1)")
        }
    }

    public func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip {
        let voice = request.voice ?? defaultVoice(forLanguage: request.language)
        let speech = try await BlockingCall.run(on: Self.queue) { flag in
            try SpeechSynthesizer.synthesize(request.text, voice: voice, wordsPerMinute: request.wordsPerMinute, cancellation: flag)
        }
        try WAVFile.write(speech.samples, sampleRate: speech.sampleRate, to: output)
        return SpeechClip(file: output, seconds: speech.duration,
                          words: speech.words, voice: voice)
    }
}
