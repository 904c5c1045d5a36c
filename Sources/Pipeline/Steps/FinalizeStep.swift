import Foundation
import JobDocuments
import Media
import ProjectModel
import Providers

/// finalize: three stills (the cover, the first frame, the middle), `export.json`, and a check of the
/// finished file — streams and format, duration against the voice-over, no silence over 2 s inside the
/// narration, loudness on target, size. A failed check fails the job with the problems listed, rather
/// than letting a broken video look done.
struct FinalizeStep: JobStep {
    let step = PipelineStep.finalize

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let files = context.files
        let render = context.project.render
        let media = context.providers.media
        let schedule = try context.schedule()
        let expected = schedule.duration
        let narration = (timings.scenes.first?.speechStart ?? 0)...(timings.scenes.last?.speechEnd ?? expected)
        let report = try await media.verify(files.video, expectedDuration: expected, narration: narration,
                                            width: render.width, height: render.height, fps: render.fps)
        guard report.problems.isEmpty, let info = report.info else {
            throw StepFailure("the rendered video failed its checks: " + report.problems.joined(separator: "; "), retryable: true)
        }
        // The cover is the title card moment: the hook has popped in (under 0.3 s) and the first words are up.
        let titleEnd = schedule.timeline.sceneCount > 0 ? schedule.timeline.soloSpan(scene: 0).end : expected
        let cover = min(1.0, max(0.35, titleEnd - 0.3))
        let middle = expected / 2
        try await media.thumbnail(from: files.video, at: cover, to: files.thumbnail, width: render.width)
        try await media.thumbnail(from: files.video, at: 0, to: files.firstFrame, width: nil)
        try await media.thumbnail(from: files.video, at: middle, to: files.middleFrame, width: nil)

        let project = context.project
        let (metadata, writer, warning) = try await context.providers.metadata.metadata(for: project, plan: plan)
        if let warning { await context.note("finalize: \(warning)") }
        await context.used(writer)
        let spans = Dictionary(uniqueKeysWithValues: timings.scenes.map { ($0.index, $0) })
        let document = ExportDocument(
            dryRun: media.writesPlaceholders ? true : nil,
            title: metadata.title,
            caption: metadata.caption,
            hashtags: metadata.hashtags,
            topic: project.topic,
            language: project.language,
            plan: .init(niche: plan.niche, scriptTemplate: plan.scriptTemplate?.rawValue, hook: plan.hook, hooks: plan.hooks,
                        outline: plan.outline, source: plan.source,
                        scenes: plan.scenes.map {
                            .init(index: $0.index, narration: $0.narration, onScreenText: $0.onScreenText,
                                  effect: $0.effect.rawValue, start: spans[$0.index]?.start ?? 0, end: spans[$0.index]?.end ?? 0)
                        }),
            video: .init(durationSeconds: info.duration, width: render.width, height: render.height,
                         fps: render.fps, sizeBytes: info.sizeBytes),
            audio: report.loudness.map { .init(integratedLUFS: $0.integratedLUFS, truePeakDb: $0.truePeakDb) },
            thumbnails: [
                .init(file: files.relative(files.thumbnail), seconds: cover, role: "cover"),
                .init(file: files.relative(files.firstFrame), seconds: 0, role: "start"),
                .init(file: files.relative(files.middleFrame), seconds: middle, role: "middle"),
            ],
            artifacts: ["video": files.relative(files.video), "thumbnail": files.relative(files.thumbnail),
                        "thumbnailStart": files.relative(files.firstFrame),
                        "thumbnailMiddle": files.relative(files.middleFrame),
                        "captions": files.relative(files.captions), "plan": files.relative(files.plan),
                        "timings": files.relative(files.timings), "voiceover": files.relative(files.voiceover)],
            credits: Self.credits(plan, files))
        try context.write(document, to: files.export)
        if media.writesPlaceholders {
            await context.note("dry run: placeholders written, no video rendered or checked")
        } else {
            let loudness = report.loudness.map { String(format: ", %.1f LUFS, %.1f dBTP", $0.integratedLUFS, $0.truePeakDb) } ?? ""
            await context.note("finalize: verified \(String(format: "%.2f", info.duration)) s, \(info.sizeBytes / 1024) KiB\(loudness)")
        }
    }

    /// The stock pictures' credits, in scene order, from the images step's records.
    static func credits(_ plan: Plan, _ files: JobFiles) -> [ExportDocument.Credit] {
        plan.scenes.compactMap { scene in
            guard let visual = try? JobDocument.read(SceneVisual.self, from: files.sceneVisual(scene.index)),
                  let credit = visual.credit else { return nil }
            return ExportDocument.Credit(scene: scene.index, kind: visual.kind.rawValue, credit: credit)
        }
    }
}
