import JobDocuments
import Foundation

/// What to say, and how.
public struct SpeechRequest: Sendable, Hashable {
    public var text: String
    /// The project's voice, or nil for the provider's default for ``language``.
    public var voice: String?
    /// A BCP 47 tag (`en`, `pt-BR`).
    public var language: String
    /// The project's tempo: 120, 150 or 180 words a minute.
    public var wordsPerMinute: Int

    public init(text: String, voice: String?, language: String, wordsPerMinute: Int) {
        self.text = text
        self.voice = voice
        self.language = language
        self.wordsPerMinute = wordsPerMinute
    }
}

extension SpeechRequest {
    /// The tempo as a speed factor for voices whose 1.0 is about 150 words a minute (OpenAI,
    /// ElevenLabs), to two decimals and within what the service accepts.
    public func speed(within range: ClosedRange<Double>) -> Double {
        min(range.upperBound, max(range.lowerBound, (Double(wordsPerMinute) / 150 * 100).rounded() / 100))
    }
}

/// Speech as a provider made it: an encoded audio file, and the words with their times when the
/// provider knows them (espeak-ng's events, ElevenLabs' alignment).
public struct SpeechClip: Sendable, Hashable {
    /// The audio, in the provider's format (``SpeechProvider/audioExtension``).
    public var file: URL
    public var seconds: Double
    /// Word timings from the start of the clip; nil when the provider gives none (the align step then
    /// estimates them).
    public var words: [SpokenWord]?
    /// The voice that spoke.
    public var voice: String

    public init(file: URL, seconds: Double, words: [SpokenWord]?, voice: String) {
        self.file = file
        self.seconds = seconds
        self.words = words
        self.voice = voice
    }
}

/// The voice step's provider: text to speech, one scene at a time.
public protocol SpeechProvider: Provider {
    /// The extension of the files it writes: `wav`, `mp3`, …
    var audioExtension: String { get }
    /// The voice used for `language` when a project names none.
    func defaultVoice(forLanguage language: String) -> String
    /// Speaks `request.text` into `output` (a path ending in ``audioExtension``), written under a
    /// temporary name and renamed when complete.
    func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip
    /// Whether its clips come with word timings (so `"align": "speech"` can use them).
    var timesItsWords: Bool { get }
    /// Throws, naming the voices it has, when `voice` is not one of them: called when the project is
    /// read, so a typo fails the job before anything is spent.
    func checkVoice(_ voice: String) throws
    /// Throws when it cannot speak `language` (a canonical BCP 47 tag), naming what it can: called
    /// when the project is read, for a project that leaves the voice to the language.
    func checkLanguage(_ language: String) throws
    /// What of `text` it will not read as written in `language`, worded for the job's log; nil when
    /// it reads it all.
    func readingProblem(_ text: String, language: String) -> String?
}

extension SpeechProvider {
    public var timesItsWords: Bool { false }
    public func checkVoice(_ voice: String) throws {}
    public func checkLanguage(_ language: String) throws {}
    public func readingProblem(_ text: String, language: String) -> String? { nil }
}
