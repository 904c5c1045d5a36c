import Foundation

/// Speech that takes as long as the words would at the tempo, written as a text note: no audio, no
/// word timings (the proportional aligner spreads them).
public struct PlaceholderSpeech: SpeechProvider {
    public let name = Placeholder.providerName
    public let audioExtension = "txt"

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("writes text placeholders (dry run)") }

    public func defaultVoice(forLanguage language: String) -> String { Placeholder.providerName }

    public func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip {
        let words = max(1, SpeechText.wordCount(request.text))
        let seconds = Double(words) / (Double(max(request.wordsPerMinute, 1)) / 60)
        try Placeholder.write("[dry-run audio] \(String(format: "%.2f", seconds)) s: \(request.text)\n", to: output)
        return SpeechClip(file: output, seconds: seconds, words: nil, voice: request.voice ?? Placeholder.providerName)
    }
}
