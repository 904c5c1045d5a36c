import Foundation
import JobDocuments
import Providers

/// voice: the speech provider speaks each scene at the tempo's rate; the scenes are joined with a
/// short pause into `audio/voiceover.wav`, and `audio/speech.json` says where each scene is and what
/// word timings came with it. A project's own voice-over is converted instead.
struct VoiceStep: JobStep {
    let step = PipelineStep.voice
    /// Silence between two scenes' speech: long enough to breathe, far below the 1.5 s a listener hears as a gap.
    static let scenePause = 0.35

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        try FileManager.default.createDirectory(at: context.files.audioFolder, withIntermediateDirectories: true)
        if let voiceover = context.project.voiceover {
            try await useVoiceover(voiceover, plan: plan, context: context)
            return
        }
        let speech = context.providers.speech
        let rate = context.project.tempo.wordsPerMinute
        var clips: [SpeechClip] = []
        let text = plan.scenes.map(\.narration).joined(separator: " ")
        if context.project.voice == nil, let problem = speech.readingProblem(text, language: context.project.language) {
            await context.note("voice warning: \(problem)")
        }
        for scene in plan.scenes {
            let request = SpeechRequest(text: scene.narration, voice: context.project.voice,
                                        language: context.project.language, wordsPerMinute: rate)
            clips.append(try await speech.synthesize(request, to: context.files.sceneAudio(scene.index, ext: speech.audioExtension)))
            await context.progress(step, Double(clips.count) / Double(plan.scenes.count))
        }
        let joined = try await context.providers.media.joinSpeech(clips, pause: Self.scenePause, to: context.files.voiceover)
        let scenes = zip(plan.scenes, zip(clips, joined.offsets)).map { scene, clipAndOffset in
            SpeechManifest.SceneSpeech(index: scene.index, offset: clipAndOffset.1, duration: clipAndOffset.0.seconds,
                                       words: clipAndOffset.0.words ?? [])
        }
        let voice = clips.first?.voice ?? speech.defaultVoice(forLanguage: context.project.language)
        let manifest = SpeechManifest(engine: speech.name, voice: voice, sampleRate: joined.sampleRate,
                                      totalSeconds: joined.totalSeconds, scenes: scenes)
        try context.write(manifest, to: context.files.speech)
        await context.used(speech)
        await context.note("voice: \(plan.scenes.count) scenes, \(String(format: "%.1f", manifest.totalSeconds)) s of speech (\(speech.name) \(voice), \(rate) wpm)")
    }

    /// The project's own audio: converted to WAV; scenes share its length by their narration's size.
    private func useVoiceover(_ path: String, plan: Plan, context: StepContext) async throws {
        let source = try context.assets.resolve(path, field: "voiceover")
        let words = plan.scenes.reduce(0) { $0 + SpeechText.wordCount($1.narration) }
        let estimate = Double(words) / (Double(context.project.tempo.wordsPerMinute) / 60)
        let total = try await context.providers.media.convertVoiceover(source, to: context.files.voiceover, estimatedSeconds: estimate)
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
        try context.write(manifest, to: context.files.speech)
        await context.used("voiceover")
        await context.note("voice: using the project's voice-over '\(path)' (\(String(format: "%.1f", total)) s)")
    }
}
