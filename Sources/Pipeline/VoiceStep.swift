import Foundation
import Media
import ProjectModel
import Providers

/// What the voice step leaves for the align step: each scene's speech and its engine word events.
struct SpeechManifest: Codable, Sendable {
    struct SceneSpeech: Codable, Sendable {
        var index: Int
        /// Where the scene's speech starts in `voiceover.wav`, and how long it lasts (seconds).
        var offset: Double
        var duration: Double
        /// Word events relative to the scene's own start; empty for a supplied voice-over.
        var words: [Word]
    }

    struct Word: Codable, Sendable {
        var text: String
        var start: Double
        var end: Double
    }

    /// `espeak-ng`, or `voiceover` for the project's own audio.
    var engine: String
    var voice: String
    var sampleRate: Int
    var totalSeconds: Double
    var scenes: [SceneSpeech]
}

/// voice: espeak-ng speaks each scene at the tempo's rate; the scenes are joined with a short pause
/// into `audio/voiceover.wav`. A project's own voice-over is converted instead.
struct VoiceStep: JobStepWorker {
    let step = PipelineStep.voice
    /// Silence between two scenes' speech: long enough to breathe, far below the 1.5 s a listener hears as a gap.
    static let scenePause = 0.35

    func isComplete(_ context: StepContext) -> Bool {
        context.files.exists(context.files.voiceover) && context.files.exists(context.files.speech)
    }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        try FileManager.default.createDirectory(at: context.files.audioFolder, withIntermediateDirectories: true)
        if let voiceover = context.project.voiceover {
            try await useVoiceover(voiceover, plan: plan, context: context)
            return
        }
        let voice = context.project.voice ?? SpeechSynthesizer.defaultVoice(forLanguage: context.project.language)
        let rate = context.project.tempo.wordsPerMinute
        var samples: [Int16] = []
        var sampleRate = 22050
        var scenes: [SpeechManifest.SceneSpeech] = []
        for scene in plan.scenes {
            let speech = try SpeechSynthesizer.synthesize(scene.narration, voice: voice, wordsPerMinute: rate)
            sampleRate = speech.sampleRate
            try WAVFile.write(speech.samples, sampleRate: speech.sampleRate, to: context.files.sceneAudio(scene.index))
            if !samples.isEmpty {
                samples += [Int16](repeating: 0, count: Int(Self.scenePause * Double(sampleRate)))
            }
            let offset = Double(samples.count) / Double(sampleRate)
            samples += speech.samples
            scenes.append(.init(index: scene.index, offset: offset,
                                duration: Double(speech.samples.count) / Double(speech.sampleRate),
                                words: speech.words.map { .init(text: $0.text, start: $0.start, end: $0.end) }))
            await context.progress(step, Double(scenes.count) / Double(plan.scenes.count))
        }
        try WAVFile.write(samples, sampleRate: sampleRate, to: context.files.voiceover)
        let manifest = SpeechManifest(engine: "espeak-ng", voice: voice, sampleRate: sampleRate,
                                      totalSeconds: Double(samples.count) / Double(sampleRate), scenes: scenes)
        try context.writeJSON(manifest, to: context.files.speech)
        await context.note("voice: \(plan.scenes.count) scenes, \(String(format: "%.1f", manifest.totalSeconds)) s of speech (espeak-ng \(voice), \(rate) wpm)")
    }

    /// The project's own audio: converted to WAV; scenes share its length by their narration's size.
    private func useVoiceover(_ path: String, plan: Plan, context: StepContext) async throws {
        let source = try context.assets.resolve(path, field: "voiceover")
        try await AudioConversion.toVoiceWAV(source, output: context.files.voiceover, timeout: context.configuration.ffmpegTimeout)
        let total = try await MediaProbe.probe(context.files.voiceover).duration
        guard total > 0.5 else { throw StepFailure("voiceover: '\(path)' has no audible length") }
        let weights = plan.scenes.map { Double(max(1, $0.narration.count)) }
        let sum = weights.reduce(0, +)
        var offset = 0.0
        var scenes: [SpeechManifest.SceneSpeech] = []
        for (scene, weight) in zip(plan.scenes, weights) {
            let duration = total * weight / sum
            scenes.append(.init(index: scene.index, offset: offset, duration: duration, words: []))
            offset += duration
        }
        let manifest = SpeechManifest(engine: "voiceover", voice: path, sampleRate: 0, totalSeconds: total, scenes: scenes)
        try context.writeJSON(manifest, to: context.files.speech)
        await context.note("voice: using the project's voice-over '\(path)' (\(String(format: "%.1f", total)) s)")
    }
}
