import Foundation
import JobDocuments

/// What the align step knows when it times the words.
public struct AlignmentRequest: Sendable {
    public var plan: Plan
    public var speech: SpeechManifest
    /// The joined narration, for aligners that listen to it (speech recognition).
    public var voiceover: URL
    /// Seconds of picture kept after the last word.
    public var tailSeconds: Double
    public var language: String

    public init(plan: Plan, speech: SpeechManifest, voiceover: URL, tailSeconds: Double, language: String) {
        self.plan = plan
        self.speech = speech
        self.voiceover = voiceover
        self.tailSeconds = tailSeconds
        self.language = language
    }
}

/// The align step's provider: when every word is heard, and the span each scene's picture covers.
public protocol WordAligner: Provider {
    func align(_ request: AlignmentRequest) async throws -> WordTimings
}

extension AlignmentRequest {
    /// Scenes tile the timeline: each picture starts halfway through the pause before its speech, and
    /// the last one runs on for the tail. Shared by every aligner, so pictures change the same way
    /// whoever timed the words.
    public func sceneSpans() -> [WordTimings.SceneSpan] {
        let scenes = speech.scenes
        return scenes.enumerated().map { position, scene in
            let start = position == 0 ? 0 : (scenes[position - 1].offset + scenes[position - 1].duration + scene.offset) / 2
            let end = position + 1 < scenes.count
                ? (scene.offset + scene.duration + scenes[position + 1].offset) / 2
                : speech.totalSeconds + tailSeconds
            return WordTimings.SceneSpan(index: scene.index, start: start, end: end,
                                         speechStart: scene.offset, speechEnd: scene.offset + scene.duration)
        }
    }
}
