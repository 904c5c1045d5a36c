import Foundation
import JobDocuments
import Media
import ProjectModel

/// render: the whole video in one ffmpeg process and one encode — motion, transitions, captions and
/// text, and the audio mix mastered to the loudness target (measured first, audio only).
struct RenderStep: JobStep {
    let step = PipelineStep.render

    func run(_ context: StepContext) async throws {
        let timings = try context.timings()
        let files = context.files
        let render = context.project.render
        let schedule = try context.schedule()
        let scenes = try zip(timings.scenes, schedule.effects).map { span, effect in
            RenderScene(picture: try Self.picture(of: span.index, in: files), start: span.start,
                        duration: span.end - span.start, effect: effect)
        }
        let request = RenderRequest(
            scenes: scenes,
            voice: files.voiceover,
            music: files.exists(files.music) ? files.music : nil,
            captions: files.captions,
            fontsDirectory: context.settings.fontsDirectory,
            width: render.width, height: render.height, fps: render.fps,
            duration: schedule.duration,
            output: files.video,
            transitions: schedule.transitions)
        let started = Date()
        let job = context.job
        let media = context.providers.media
        let levels = try await media.render(request) { fraction in
            Task { await job.progress(step: .render, fraction: fraction) }
        }
        await context.used(media)
        let seconds = Date().timeIntervalSince(started)
        let kinds = schedule.transitions.map(\.kind.rawValue).joined(separator: " ")
        var mix = String(format: "voice %+.1f dB, music %+.1f dB, master %+.1f dB", levels.voiceGainDb, levels.musicGainDb, levels.masterGainDb)
        if let predicted = levels.predicted {
            mix += String(format: " (measured %.1f LUFS, %.1f dBTP)", predicted.integratedLUFS, predicted.truePeakDb)
        }
        let clips = scenes.filter { if case .clip = $0.picture { true } else { false } }.count
        await context.note("render: \(String(format: "%.1f", request.duration)) s of video in \(String(format: "%.1f", seconds)) s; "
            + "\(scenes.count) scenes (\(clips) video); transitions: \(kinds.isEmpty ? "none" : kinds); mix: \(mix)")
    }

    /// The still or the clip the images step recorded for scene `index`.
    static func picture(of index: Int, in files: JobFiles) throws -> RenderScene.Picture {
        let visual = try JobDocument.read(SceneVisual.self, from: files.sceneVisual(index))
        let file = files.sceneFile(visual)
        return switch visual.kind {
        case .image: .still(file)
        case .video: .clip(file)
        }
    }
}
