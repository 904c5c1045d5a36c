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

    /// A still of the video: the cover (the title card moment), the first frame, the middle.
    struct Thumbnail: Codable, Sendable {
        var file: String
        var seconds: Double
        var role: String
    }

    /// The finished mix as measured on the file (EBU R128).
    struct Audio: Codable, Sendable {
        var integratedLUFS: Double
        var truePeakDb: Double
    }

    var version = 1
    var title: String
    var caption: String
    var hashtags: [String]
    var topic: String
    var language: String
    var plan: PlanSummary
    var video: Video
    var audio: Audio?
    var thumbnails: [Thumbnail]
    var artifacts: [String: String]
}

/// finalize: three thumbnails, `export.json`, and a check of the finished file — streams and format,
/// duration against the voice-over, no silence over 2 s inside the narration, loudness on target, size.
/// A failed check fails the job with the problems listed, rather than letting a broken video look done.
struct FinalizeStep: JobStepWorker {
    let step = PipelineStep.finalize

    static func firstFrame(_ files: JobFiles) -> URL { files.folder.appending(path: "thumb_0.jpg") }
    static func middleFrame(_ files: JobFiles) -> URL { files.folder.appending(path: "thumb_mid.jpg") }

    func isComplete(_ context: StepContext) -> Bool {
        let files = context.files
        return [files.thumbnail, Self.firstFrame(files), Self.middleFrame(files), files.export].allSatisfy(files.exists)
    }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let files = context.files
        let render = context.project.render
        let schedule = SceneSchedule(plan: plan, timings: timings, pack: context.project.nichePack, fps: render.fps, render: render)
        let expected = schedule.duration
        let narration = (timings.scenes.first?.speechStart ?? 0)...(timings.scenes.last?.speechEnd ?? expected)
        let report = try await VideoVerifier.check(files.video, expectedDuration: expected, tolerance: 0.5, narration: narration,
                                                   loudness: .platform, width: render.width, height: render.height,
                                                   fps: Double(render.fps))
        guard report.problems.isEmpty, let info = report.info else {
            throw StepFailure("the rendered video failed its checks: " + report.problems.joined(separator: "; "), retryable: true)
        }
        // The cover is the title card moment: the hook has popped in (under 0.3 s) and the first words are up.
        let titleEnd = schedule.timeline.sceneCount > 0 ? schedule.timeline.soloSpan(scene: 0).end : expected
        let cover = min(1.0, max(0.35, titleEnd - 0.3))
        let middle = expected / 2
        try await Thumbnail.extract(from: files.video, at: cover, to: files.thumbnail, width: render.width)
        try await Thumbnail.extract(from: files.video, at: 0, to: Self.firstFrame(files))
        try await Thumbnail.extract(from: files.video, at: middle, to: Self.middleFrame(files))

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
            audio: report.loudness.map { .init(integratedLUFS: $0.integratedLUFS, truePeakDb: $0.truePeakDb) },
            thumbnails: [
                .init(file: files.relative(files.thumbnail), seconds: cover, role: "cover"),
                .init(file: files.relative(Self.firstFrame(files)), seconds: 0, role: "start"),
                .init(file: files.relative(Self.middleFrame(files)), seconds: middle, role: "middle"),
            ],
            artifacts: ["video": files.relative(files.video), "thumbnail": files.relative(files.thumbnail),
                        "thumbnailStart": files.relative(Self.firstFrame(files)),
                        "thumbnailMiddle": files.relative(Self.middleFrame(files)),
                        "captions": files.relative(files.captions), "plan": files.relative(files.plan),
                        "timings": files.relative(files.timings), "voiceover": files.relative(files.voiceover)])
        try context.writeJSON(document, to: files.export)
        let loudness = report.loudness.map { String(format: ", %.1f LUFS, %.1f dBTP", $0.integratedLUFS, $0.truePeakDb) } ?? ""
        await context.note("finalize: verified \(String(format: "%.2f", info.duration)) s, \(info.sizeBytes / 1024) KiB\(loudness)")
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
