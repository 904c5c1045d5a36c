import FileSafety
import Foundation
import JobDocuments
import ProjectModel
import Providers

/// music: a bed for the whole video — a track from the music library in the pack's (or the project's)
/// mood, else one generated in that mood; the project's own file; or none. Looped or trimmed to the
/// video's length and faded; the render sets its level under the voice and ducks it.
struct MusicStep: JobStep {
    let step = PipelineStep.music

    func run(_ context: StepContext) async throws {
        let timings = try context.timings()
        let seconds = timings.scenes.last?.end ?? timings.voiceSeconds
        let length = String(format: "%.1f", seconds)
        let jobID = context.files.folder.lastPathComponent
        let providers = context.providers
        switch context.project.music {
        case .none:
            try AtomicFile.write(Data("no music requested\n".utf8), to: context.files.musicNone, durable: !providers.media.writesPlaceholders)
            await context.used("none")
            await context.note("music: none")
        case .file(let path):
            let source = try context.assets.resolve(path, field: "music")
            let used = try await providers.projectMusic.bed(MusicRequest(mood: nil, file: source, seconds: seconds, jobID: jobID), to: context.files.music)
            guard used != nil else { throw StepFailure("music: '\(path)' could not be used") }
            await context.used(providers.projectMusic)
            await context.note("music: '\(path)', looped or trimmed to \(length) s")
        case .pack, .mood:
            let mood: String
            if case .mood(let named) = context.project.music { mood = named } else { mood = context.project.nichePack.musicMood }
            let request = MusicRequest(mood: mood, file: nil, seconds: seconds, jobID: jobID)
            for provider in [providers.libraryMusic, providers.generatedMusic] {
                if let used = try await provider.bed(request, to: context.files.music) {
                    await context.used(provider)
                    await context.note("music: \(used), looped or trimmed to \(length) s")
                    return
                }
            }
            let place = providers.libraryMusic.whereToAdd(mood: mood) ?? "a music library (MUSIC_LIBRARY_DIR)"
            throw StepFailure("music: no tracks for the mood '\(mood)': put .mp3/.m4a/.wav/.ogg files in \(place), or use a built-in mood (\(MusicMood.all.joined(separator: ", ")))")
        }
    }
}
