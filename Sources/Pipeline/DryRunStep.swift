import FileSafety
import Foundation
import ProjectModel

/// `APP_RENDER_DRY_RUN=1`: a step that writes small text placeholders under the real names instead of
/// media, so the whole pipeline — plan, status files, index, state folders — runs in milliseconds a
/// job (bulk drills, benchmarks). The plan is real; the voice's length comes from the word count at
/// the project's tempo, and the timings are spread in proportion over it.
///
/// Placeholders are written with a plain atomic rename, without fsync: they are cheap to redo.
struct DryRunStep: JobStepWorker {
    let step: PipelineStep

    /// The workers of a dry run: the real planner and aligner (pure computation), placeholders for the rest.
    static let workers: [any JobStepWorker] = [
        PlanStep(), DryRunStep(step: .voice), AlignStep(), DryRunStep(step: .images), DryRunStep(step: .captions),
        DryRunStep(step: .music), DryRunStep(step: .render), DryRunStep(step: .finalize),
    ]

    func isComplete(_ context: StepContext) -> Bool {
        let files = context.files
        switch step {
        case .voice: return files.exists(files.speech) && files.exists(files.voiceover)
        case .images:
            guard let plan = try? context.plan() else { return false }
            return plan.scenes.allSatisfy { files.exists(files.sceneImage($0.index)) }
        case .music: return files.exists(files.music) || files.exists(files.musicNone)
        case .finalize: return files.exists(files.thumbnail) && files.exists(files.export)
        default: return StepOutputs.urls(of: step, in: files).allSatisfy(files.exists)
        }
    }

    func run(_ context: StepContext) async throws {
        let files = context.files
        switch step {
        case .voice: try voice(context)
        case .images:
            let plan = try context.plan()
            try FileManager.default.createDirectory(at: files.imagesFolder, withIntermediateDirectories: true)
            for scene in plan.scenes {
                try Self.placeholder("[dry-run image] scene \(scene.index)\nPrompt: \(scene.visual)\n", to: files.sceneImage(scene.index))
            }
        case .captions:
            let timings = try context.timings()
            try Self.placeholder("[dry-run captions] \(timings.words.count) words\n", to: files.captions)
        case .music:
            switch context.project.music {
            case .none: try Self.placeholder("no music requested\n", to: files.musicNone)
            default: try Self.placeholder("[dry-run music] mood \(context.project.nichePack.musicMood)\n", to: files.music)
            }
        case .render:
            let timings = try context.timings()
            let render = context.project.render
            try Self.placeholder("[dry-run video] \(render.width)x\(render.height) \(render.fps) fps, "
                                 + String(format: "%.2f s", timings.scenes.last?.end ?? timings.voiceSeconds) + ", no MP4 generated\n",
                                 to: files.video)
        case .finalize: try await finalize(context)
        case .plan, .align: break
        }
    }

    /// Scene audio placeholders and a speech manifest whose lengths follow the word count and tempo.
    private func voice(_ context: StepContext) throws {
        let plan = try context.plan()
        let files = context.files
        try FileManager.default.createDirectory(at: files.audioFolder, withIntermediateDirectories: true)
        let wordsPerSecond = Double(context.project.tempo.wordsPerMinute) / 60
        var offset = 0.0
        var scenes: [SpeechManifest.SceneSpeech] = []
        for scene in plan.scenes {
            let words = max(1, scene.narration.split(whereSeparator: \.isWhitespace).count)
            let duration = Double(words) / wordsPerSecond
            try Self.placeholder("[dry-run audio] \(scene.narration)\n", to: files.sceneAudio(scene.index))
            scenes.append(.init(index: scene.index, offset: offset, duration: duration, words: []))
            offset += duration + VoiceStep.scenePause
        }
        let total = max(0, offset - VoiceStep.scenePause)
        try Self.placeholder("[dry-run audio] the whole narration, \(String(format: "%.2f", total)) s\n", to: files.voiceover)
        let manifest = SpeechManifest(engine: "dry-run", voice: "dry-run", sampleRate: 0, totalSeconds: total, scenes: scenes)
        try Self.placeholder(try Self.encoder.encode(manifest), to: files.speech)
    }

    /// No video checks (there is no video): a thumbnail placeholder and an export that says dry run.
    private func finalize(_ context: StepContext) async throws {
        let plan = try context.plan()
        let files = context.files
        let project = context.project
        try Self.placeholder("[dry-run thumbnail]\n", to: files.thumbnail)
        let export = DryRunExport(
            title: project.topic, caption: plan.hook, hashtags: Array(project.nichePack.hashtags.prefix(10)),
            topic: project.topic, language: project.language, niche: plan.niche, scenes: plan.scenes.count,
            artifacts: ["video": files.relative(files.video), "thumbnail": files.relative(files.thumbnail),
                        "captions": files.relative(files.captions), "plan": files.relative(files.plan),
                        "timings": files.relative(files.timings)])
        try Self.placeholder(try Self.encoder.encode(export), to: files.export)
        await context.note("dry run: placeholders written, no video rendered")
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    private static func placeholder(_ text: String, to url: URL) throws { try placeholder(Data(text.utf8), to: url) }

    private static func placeholder(_ data: Data, to url: URL) throws { try AtomicFile.write(data, to: url, durable: false) }
}

/// `export.json` of a dry run: what a real one has that a dry run knows, and `dryRun: true`.
struct DryRunExport: Codable, Sendable {
    var version = 1
    var dryRun = true
    var note = "dry run (APP_RENDER_DRY_RUN=1): placeholders only, no video was rendered or checked"
    var title: String
    var caption: String
    var hashtags: [String]
    var topic: String
    var language: String
    var niche: String
    var scenes: Int
    var artifacts: [String: String]
}
