import Foundation
import Media
import ProjectModel

/// render: the whole video in one ffmpeg process and one encode — motion, transitions, captions and
/// text, and the audio mix mastered to the loudness target (measured first, audio only).
struct RenderStep: JobStepWorker {
    let step = PipelineStep.render

    func isComplete(_ context: StepContext) -> Bool { context.files.exists(context.files.video) }

    func run(_ context: StepContext) async throws {
        let plan = try context.plan()
        let timings = try context.timings()
        let files = context.files
        let render = context.project.render
        let schedule = SceneSchedule(plan: plan, timings: timings, pack: context.project.nichePack, fps: render.fps, render: render)
        let scenes = zip(timings.scenes, schedule.effects).map { span, effect in
            RenderScene(image: files.sceneImage(span.index), start: span.start, duration: span.end - span.start, effect: effect)
        }
        let request = RenderRequest(
            scenes: scenes,
            voice: files.voiceover,
            music: files.exists(files.music) ? files.music : nil,
            captions: files.captions,
            fontsDirectory: context.configuration.fontsDirectory,
            width: render.width, height: render.height, fps: render.fps,
            duration: schedule.duration,
            output: files.video,
            transitions: schedule.transitions)
        let started = Date()
        let recorder = context.recorder
        let levels = try await Renderer.render(request, timeout: context.configuration.ffmpegTimeout) { fraction in
            Task { try? await recorder.progress(step: .render, fraction: fraction) }
        }
        let seconds = Date().timeIntervalSince(started)
        let kinds = schedule.transitions.map(\.kind.rawValue).joined(separator: " ")
        var mix = String(format: "voice %+.1f dB, music %+.1f dB, master %+.1f dB", levels.voiceGainDb, levels.musicGainDb, levels.masterGainDb)
        if let predicted = levels.predicted {
            mix += String(format: " (measured %.1f LUFS, %.1f dBTP)", predicted.integratedLUFS, predicted.truePeakDb)
        }
        await context.note("render: \(String(format: "%.1f", request.duration)) s of video in \(String(format: "%.1f", seconds)) s; "
            + "transitions: \(kinds.isEmpty ? "none" : kinds); mix: \(mix)")
    }
}
