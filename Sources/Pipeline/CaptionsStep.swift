import FileSafety
import Foundation
import Media
import ProjectModel
import Spool

/// captions: an ASS file with the spoken word highlighted, in the pack's colours and the installed font.
struct CaptionsStep: JobStepWorker {
    let step = PipelineStep.captions

    func isComplete(_ context: StepContext) -> Bool { context.files.exists(context.files.captions) }

    func run(_ context: StepContext) async throws {
        let timings = try context.timings()
        let render = context.project.render
        var style = CaptionStyle.forPack(context.project.nichePack, width: render.width, height: render.height)
        style.fontsDirectory = context.configuration.fontsDirectory
        let overrides = render.captions
        if let color = overrides.primaryColor { style.primaryColor = color }
        if let color = overrides.highlightColor { style.highlightColor = color }
        if let color = overrides.outlineColor { style.outlineColor = color }
        if let size = overrides.fontSize { style.fontSize = size * render.width / 1080 }
        if let words = overrides.maxWordsPerLine { style.maxWordsPerLine = words }
        let words = overrides.enabled ? timings.words : []
        let document = ASSCaptionWriter.document(words: words, style: style, width: render.width, height: render.height,
                                                 endTime: timings.scenes.last?.end ?? timings.voiceSeconds)
        try AtomicFile.write(Data(document.utf8), to: context.files.captions)
        await context.note("captions: \(words.count) words, font \(style.fontFamily)")
    }
}
