import JobDocuments
import Providers

/// Synthesized speech: mono 16-bit samples and the words with their timings.
public struct Speech: Sendable, Hashable {
    public var samples: [Int16]
    public var sampleRate: Int
    public var words: [SpokenWord]
    /// The normalised text that was spoken; `words` are its space-separated tokens.
    public var text: String

    public init(samples: [Int16], sampleRate: Int, words: [SpokenWord], text: String) {
        self.samples = samples
        self.sampleRate = sampleRate
        self.words = words
        self.text = text
    }

    /// The audio's length in seconds.
    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }
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
