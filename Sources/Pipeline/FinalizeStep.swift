import Foundation
import Media
import ProjectModel

/// `export.json`: what a person needs to post the video, and what it is made of.
struct ExportDocument: Codable, Sendable {
    struct Scene: Codable, Sendable {
        var index: Int
        var narration: String
        var onScreenText: String
        var effect: String
        var start: Double
        var end: Double
    }

    struct PlanSummary: Codable, Sendable {
        var niche: String
        var scriptTemplate: String?
        var hook: String
        var hooks: [String]
        var outline: [String]
        var source: String
        var scenes: [Scene]
    }

    struct Video: Codable, Sendable {
        var durationSeconds: Double
        var width: Int
        var height: Int
        var fps: Int
        var sizeBytes: Int64
    }

    var version = 1
    var title: String
    var caption: String
    var hashtags: [String]
    var topic: String
    var language: String
    var plan: PlanSummary
    var video: Video
    var artifacts: [String: String]
}

/// finalize: a thumbnail, `export.json`, and a check of the finished file. A failed check fails the
/// job with the problems listed, rather than letting a broken video look done.
struct FinalizeStep: JobStepWorker {
    let step = PipelineStep.finalize

    func isComplete(_ context: StepContext) -> Bool {
        context.files.exists(context.files.thumbnail) && context.files.exists(context.files.export)
    }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let files = context.files
        let expected = timings.scenes.last?.end ?? timings.voiceSeconds
        let narration = (timings.scenes.first?.speechStart ?? 0)...(timings.scenes.last?.speechEnd ?? expected)
        let render = context.project.render
        let problems = try await VideoVerifier.verify(files.video, expectedDuration: expected, tolerance: 0.5, narration: narration,
                                                      width: render.width, height: render.height, fps: Double(render.fps))
        guard problems.isEmpty else {
            throw StepFailure("the rendered video failed its checks: " + problems.joined(separator: "; "), retryable: true)
        }
        // The cover: a moment inside the first scene, once the hook's first words are up.
        let firstSpan = timings.scenes.first
        let coverTime = min(max(0.5, (firstSpan?.speechStart ?? 0) + 1.0), max(0, (firstSpan?.end ?? 1) - 0.2))
        try await Thumbnail.extract(from: files.video, at: coverTime, to: files.thumbnail)

        let info = try await MediaProbe.probe(files.video)
        let project = context.project
        let pack = project.nichePack
        let spans = Dictionary(uniqueKeysWithValues: timings.scenes.map { ($0.index, $0) })
        let document = ExportDocument(
            title: Self.title(topic: project.topic),
            caption: Self.caption(hook: plan.hook, topic: project.topic),
            hashtags: Self.hashtags(pack: pack, keywords: project.seoKeywords),
            topic: project.topic,
            language: project.language,
            plan: .init(niche: plan.niche, scriptTemplate: plan.scriptTemplate?.rawValue, hook: plan.hook, hooks: plan.hooks,
                        outline: plan.outline, source: plan.source,
                        scenes: plan.scenes.map {
                            .init(index: $0.index, narration: $0.narration, onScreenText: $0.onScreenText,
                                  effect: $0.effect.rawValue, start: spans[$0.index]?.start ?? 0, end: spans[$0.index]?.end ?? 0)
                        }),
            video: .init(durationSeconds: info.duration, width: project.render.width, height: project.render.height,
                         fps: project.render.fps, sizeBytes: info.sizeBytes),
            artifacts: ["video": files.relative(files.video), "thumbnail": files.relative(files.thumbnail),
                        "captions": files.relative(files.captions), "plan": files.relative(files.plan),
                        "timings": files.relative(files.timings), "voiceover": files.relative(files.voiceover)])
        try context.writeJSON(document, to: files.export)
        await context.note("finalize: verified \(String(format: "%.2f", info.duration)) s, \(info.sizeBytes / 1024) KiB")
    }

    static func title(topic: String) -> String {
        let trimmed = topic.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count <= 60 ? trimmed : String(trimmed.prefix(57)) + "…"
    }

    static func caption(hook: String, topic: String) -> String {
        let text = "\(hook) Follow for more."
        return text.count <= 150 ? text : String(hook.prefix(140)) + "…"
    }

    static func hashtags(pack: NichePack, keywords: [String]) -> [String] {
        let fromKeywords = keywords.map { keyword in
            keyword.lowercased().filter { $0.isLetter || $0.isNumber }
        }.filter { !$0.isEmpty }
        var seen = Set<String>()
        return (fromKeywords + pack.hashtags).filter { seen.insert($0).inserted }.prefix(10).map { $0 }
    }
}
