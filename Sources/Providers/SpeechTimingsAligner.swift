import JobDocuments

/// The speech provider's own word timings, used as they are: espeak-ng's word events are exact, and
/// so is an ElevenLabs alignment. A scene the provider gave no words for is estimated
/// (``ProportionalAligner``), so one odd scene never leaves a gap in the captions.
public struct SpeechTimingsAligner: WordAligner {
    /// `speech`: the timings came with the speech.
    public let name = "speech"

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("uses the word timings the speech provider returns") }

    public func align(_ request: AlignmentRequest) async throws -> WordTimings {
        var words: [TimedWord] = []
        for speech in request.speech.scenes {
            if speech.words.isEmpty {
                let narration = request.plan.scenes.first { $0.index == speech.index }?.narration ?? ""
                words += ProportionalAligner.words(narration, start: speech.offset, duration: speech.duration, scene: speech.index)
            } else {
                words += speech.words.map {
                    TimedWord(text: $0.text, start: speech.offset + $0.start, end: speech.offset + $0.end, scene: speech.index)
                }
            }
        }
        return WordTimings(source: request.speech.engine, voiceSeconds: request.speech.totalSeconds,
                           scenes: request.sceneSpans(), words: words)
    }
}
