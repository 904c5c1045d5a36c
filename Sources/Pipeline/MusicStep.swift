import FileSafety
import Foundation
import Media
import ProjectModel
import Spool

/// music: a bed for the whole video — generated in the pack's (or the project's) mood, the
/// project's own file, or none.
struct MusicStep: JobStepWorker {
    let step = PipelineStep.music

    func isComplete(_ context: StepContext) -> Bool {
        context.files.exists(context.files.music) || context.files.exists(context.files.musicNone)
    }

    func run(_ context: StepContext) async throws {
        let timings = try context.timings()
        let seconds = timings.scenes.last?.end ?? timings.voiceSeconds
        switch context.project.music {
        case .none:
            try AtomicFile.write(Data("no music requested\n".utf8), to: context.files.musicNone)
            await context.note("music: none")
        case .pack:
            let mood = context.project.nichePack.musicMood
            try await MusicBed.generate(mood: mood, seconds: seconds, output: context.files.music)
            await context.note("music: generated '\(mood)' bed, \(String(format: "%.1f", seconds)) s")
        case .mood(let mood):
            try await MusicBed.generate(mood: mood, seconds: seconds, output: context.files.music)
            await context.note("music: generated '\(mood)' bed, \(String(format: "%.1f", seconds)) s")
        case .file(let path):
            let source = try context.assets.resolve(path, field: "music")
            try await AudioConversion.toMusicBed(source, seconds: seconds, output: context.files.music,
                                                 timeout: context.configuration.ffmpegTimeout)
            await context.note("music: '\(path)', looped or trimmed to \(String(format: "%.1f", seconds)) s")
        }
    }
}
