import FileSafety
import Foundation
import JobDocuments
import Languages
import Media
import ProjectModel

/// captions: an ASS file with the spoken word highlighted, in the pack's colours and the installed font,
/// plus the on-screen text — the hook as a title card over the first scene and each scene's label —
/// timed around the transitions the render will draw.
struct CaptionsStep: JobStep {
    let step = PipelineStep.captions

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let render = context.project.render
        let schedule = try context.schedule()
        let labelByScene = Dictionary(plan.scenes.map { ($0.index, $0.onScreenText) }, uniquingKeysWith: { first, _ in first })
        let overlays = TextOverlay.forVideo(hook: plan.hook, labels: timings.scenes.map { labelByScene[$0.index] ?? "" },
                                            timeline: schedule.timeline)
        let language = (try? LanguageTag(parsing: context.project.language)) ?? .english
        var style = CaptionStyle.forPack(context.project.nichePack, width: render.width, height: render.height,
                                         fontsDirectory: context.settings.fontsDirectory, language: language)
        let overrides = render.captions
        if let color = overrides.primaryColor { style.primaryColor = color }
        if let color = overrides.highlightColor { style.highlightColor = color }
        if let color = overrides.outlineColor { style.outlineColor = color }
        if let size = overrides.fontSize { style.fontSize = size * render.width / 1080 }
        if let words = overrides.maxWordsPerLine { style.maxWordsPerLine = words }
        let words = overrides.enabled ? timings.words : []
        let document = ASSCaptionWriter.document(words: words, style: style, width: render.width, height: render.height,
                                                 endTime: schedule.duration, overlays: overlays)
        try AtomicFile.write(Data(document.utf8), to: context.files.captions, durable: !context.providers.media.writesPlaceholders)
        let labels = overlays.filter { $0.role == .label }.count
        await context.note("captions: \(words.count) words, \(overlays.contains { $0.role == .title } ? "a title card" : "no title"), \(labels) labels, font \(style.fontFamily)")
    }
}
