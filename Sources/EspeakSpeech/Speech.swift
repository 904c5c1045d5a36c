import JobDocuments
import Providers

/// Synthesized speech: mono 16-bit samples and the words with their timings.
public struct Speech: Sendable, Hashable {
    public var samples: [Int16]
    public var sampleRate: Int
    public var words: [SpokenWord]
    /// The normalised text that was spoken; `words` are its words (``SpeechText/tokens(ofNormalized:)``).
    public var text: String
    /// What espeak-ng reported while it spoke, in order: the raw material of ``words``.
    public var events: [EngineEvent]

    public init(samples: [Int16], sampleRate: Int, words: [SpokenWord], text: String, events: [EngineEvent] = []) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.words = words
        self.text = text
        self.events = events
    }

    /// The audio's length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
}

/// One event of espeak-ng's synthesis callback.
public struct EngineEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A word starts: `position` and `length` say which characters it covers. Chinese gets one
        /// per character, Thai one per space-separated run, Japanese one per clause at its start.
        case word
        /// A sound starts (pauses are left out); `position` is its word's.
        case phoneme
        /// A clause or sentence ends.
        case clauseEnd
    }

    public var kind: Kind
    /// 1-based position in the spoken text, in Unicode scalars.
    public var position: Int
    /// Unicode scalars covered (word events).
    public var length: Int
    /// Time in the audio.
    public var seconds: Double

    public init(kind: Kind, position: Int, length: Int, seconds: Double) {
        self.kind = kind
        self.position = position
        self.length = length
        self.seconds = seconds
    }
}

/// Why speech could not be made.
public enum SpeechError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The voice name is not one espeak-ng knows.
    case unknownVoice(String)
    /// espeak-ng could not start (missing `espeak-ng-data`?).
    case engineUnavailable(String)
    case synthesisFailed(String)
    /// The text has no speakable words once markup is removed.
    case nothingToSay

    public var description: String {
        switch self {
        case .unknownVoice(let name):
            "espeak-ng has no voice '\(name)' (try en-us, en-gb, en+f3, es, fr, de, pt-br; `espeak-ng --voices` lists them)"
        case .engineUnavailable(let reason): "espeak-ng is unavailable: \(reason)"
        case .synthesisFailed(let reason): "espeak-ng synthesis failed: \(reason)"
        case .nothingToSay: "the text has no speakable words"
        }
    }
}
