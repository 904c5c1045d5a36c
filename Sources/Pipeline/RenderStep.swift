import Foundation
import Media
import ProjectModel

/// render: the whole video in one ffmpeg process and one encode.
struct RenderStep: JobStepWorker {
    let step = PipelineStep.render

    func isComplete(_ context: StepContext) -> Bool { context.files.exists(context.files.video) }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let files = context.files
        let render = context.project.render
        let effects = Dictionary(uniqueKeysWithValues: plan.scenes.map { ($0.index, $0.effect) })
        let scenes = timings.scenes.map {
            RenderScene(image: files.sceneImage($0.index), start: $0.start, duration: $0.end - $0.start,
                        effect: effects[$0.index] ?? .static)
        }
        let request = RenderRequest(
            scenes: scenes,
            voice: files.voiceover,
            music: files.exists(files.music) ? files.music : nil,
            captions: files.captions,
            fontsDirectory: context.configuration.fontsDirectory,
            width: render.width, height: render.height, fps: render.fps,
            duration: timings.scenes.last?.end ?? timings.voiceSeconds,
            output: files.video)
        let started = Date()
        let recorder = context.recorder
        try await Renderer.render(request, timeout: context.configuration.ffmpegTimeout) { fraction in
            Task { try? await recorder.progress(step: .render, fraction: fraction) }
        }
        let seconds = Date().timeIntervalSince(started)
        await context.note("render: \(String(format: "%.1f", request.duration)) s of video in \(String(format: "%.1f", seconds)) s")
    }
}
