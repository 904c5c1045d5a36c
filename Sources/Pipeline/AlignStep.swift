import Foundation
import ProjectModel

/// align: the word timings of the whole voice-over, and the span each scene's picture covers.
///
/// espeak-ng's own word events are exact, so they are used as they are. A supplied voice-over has no
/// events: its words are spread over each scene's share in proportion to their length, within
/// sentences (pauses at sentence ends are what a listener expects).
struct AlignStep: JobStepWorker {
    let step = PipelineStep.align

    func isComplete(_ context: StepContext) -> Bool { context.files.exists(context.files.timings) }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let manifest = try JSONDecoder().decode(SpeechManifest.self, from: Data(contentsOf: context.files.speech))
        let timings = Self.timings(plan: plan, manifest: manifest, tail: context.project.render.tailSeconds)
        try context.writeJSON(timings, to: context.files.timings)
        await context.note("align: \(timings.words.count) words from \(timings.source); video \(String(format: "%.2f", timings.scenes.last?.end ?? 0)) s")
    }

    static func timings(plan: Plan, manifest: SpeechManifest, tail: Double) -> WordTimings {
        var words: [TimedWord] = []
        for speech in manifest.scenes {
            if speech.words.isEmpty {
                let narration = plan.scenes.first { $0.index == speech.index }?.narration ?? ""
                words += proportionalWords(narration, start: speech.offset, duration: speech.duration, scene: speech.index)
            } else {
                words += speech.words.map {
                    TimedWord(text: $0.text, start: speech.offset + $0.start, end: speech.offset + $0.end, scene: speech.index)
                }
            }
        }
        // Scenes tile the timeline: each picture starts halfway through the pause before its speech.
        var spans: [WordTimings.SceneSpan] = []
        for (position, speech) in manifest.scenes.enumerated() {
            let start = position == 0 ? 0 : (manifest.scenes[position - 1].offset + manifest.scenes[position - 1].duration + speech.offset) / 2
            let end: Double
            if position + 1 < manifest.scenes.count {
                let next = manifest.scenes[position + 1]
                end = (speech.offset + speech.duration + next.offset) / 2
            } else {
                end = manifest.totalSeconds + tail
            }
            spans.append(.init(index: speech.index, start: start, end: end,
                               speechStart: speech.offset, speechEnd: speech.offset + speech.duration))
        }
        let source = manifest.engine == "voiceover" ? "proportional" : manifest.engine
        return WordTimings(source: source, voiceSeconds: manifest.totalSeconds, scenes: spans, words: words)
    }

    /// Words spread over `duration` by their length, with a small extra weight after a sentence end.
    static func proportionalWords(_ narration: String, start: Double, duration: Double, scene: Int) -> [TimedWord] {
        let tokens = narration.split(whereSeparator: \.isWhitespace).map(String.init)
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
