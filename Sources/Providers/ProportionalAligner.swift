import JobDocuments

/// Word timings estimated from the text when the speech came without them (a supplied voice-over, a
/// provider that gives none): each scene's words are spread over its speech in proportion to their
/// length, with a longer share after a sentence end or a comma, where a speaker pauses.
public struct ProportionalAligner: WordAligner {
    public let name = "proportional"

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("estimates word times from the text; nothing to install") }

    public func align(_ request: AlignmentRequest) async throws -> WordTimings {
        var words: [TimedWord] = []
        for speech in request.speech.scenes {
            let narration = request.plan.scenes.first { $0.index == speech.index }?.narration ?? ""
            words += Self.words(narration, start: speech.offset, duration: speech.duration, scene: speech.index)
        }
        return WordTimings(source: name, voiceSeconds: request.speech.totalSeconds, scenes: request.sceneSpans(), words: words)
    }

    /// Words of `narration` spread over `duration` from `start` by their length, with a small extra
    /// weight after a sentence end.
    public static func words(_ narration: String, start: Double, duration: Double, scene: Int) -> [TimedWord] {
        let tokens = SpeechText.words(ofNormalized: SpeechText.normalize(narration))
        guard !tokens.isEmpty else { return [] }
        let weights = tokens.map { token -> Double in
            let pause = token.last.map { ".!?".contains($0) } == true ? 3.0 : (token.last.map { ",;:".contains($0) } == true ? 1.5 : 0)
            return Double(token.count) + 1 + pause
        }
        let total = weights.reduce(0, +)
        var cursor = start
        return zip(tokens, weights).map { token, weight in
            let length = duration * weight / total
            defer { cursor += length }
            return TimedWord(text: token, start: cursor, end: cursor + length * 0.85, scene: scene)
        }
    }
}
