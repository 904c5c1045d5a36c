import FileSafety
import Foundation
import Media
import ProjectModel
import Spool

/// music: a bed for the whole video — a track from the music library in the pack's (or the project's)
/// mood, else one generated in that mood; the project's own file; or none. Looped or trimmed to the
/// video's length and faded; the render sets its level under the voice and ducks it.
struct MusicStep: JobStepWorker {
    let step = PipelineStep.music

    func isComplete(_ context: StepContext) -> Bool {
        context.files.exists(context.files.music) || context.files.exists(context.files.musicNone)
    }

    func run(_ context: StepContext) async throws {
        let timings = try context.timings()
        let seconds = timings.scenes.last?.end ?? timings.voiceSeconds
        let length = String(format: "%.1f", seconds)
        switch context.project.music {
        case .none:
            try AtomicFile.write(Data("no music requested\n".utf8), to: context.files.musicNone)
            await context.note("music: none")
        case .pack:
            try await moodBed(context.project.nichePack.musicMood, seconds: seconds, context: context)
        case .mood(let mood):
            try await moodBed(mood, seconds: seconds, context: context)
        case .file(let path):
            let source = try context.assets.resolve(path, field: "music")
            try await AudioConversion.toMusicBed(source, seconds: seconds, output: context.files.music,
                                                 timeout: context.configuration.ffmpegTimeout)
            await context.note("music: '\(path)', looped or trimmed to \(length) s")
        }
    }

    /// A library track in `mood` when the library has one, else a generated bed.
    private func moodBed(_ mood: String, seconds: Double, context: StepContext) async throws {
        let length = String(format: "%.1f", seconds)
        let job = context.files.folder.lastPathComponent
        if let library = Self.libraryDirectory(jobFolder: context.files.folder),
           let track = MusicLibrary.pick(in: library, mood: mood, key: job) {
            try await AudioConversion.toMusicBed(track, seconds: seconds, output: context.files.music,
                                                 timeout: context.configuration.ffmpegTimeout)
            await context.note("music: library track '\(mood)/\(track.lastPathComponent)', looped or trimmed to \(length) s")
            return
        }
        guard MusicMood.all.contains(mood) else {
            let place = Self.libraryDirectory(jobFolder: context.files.folder).map { "\($0.path)/\(mood)/" } ?? "a music library (MUSIC_LIBRARY_DIR)"
            throw StepFailure("music: no tracks for the mood '\(mood)': put .mp3/.m4a/.wav/.ogg files in \(place), or use a built-in mood (\(MusicMood.all.joined(separator: ", ")))")
        }
        try await MusicBed.generate(mood: mood, seconds: seconds, output: context.files.music,
                                    timeout: context.configuration.ffmpegTimeout)
        await context.note("music: generated '\(mood)' bed, \(length) s")
    }

    /// `MUSIC_LIBRARY_DIR`, else `<spool>/../music`; read here rather than in the shared configuration,
    /// as only this step uses it.
    static func libraryDirectory(jobFolder: URL) -> URL? {
        MusicLibrary.directory(jobFolder: jobFolder, stateFolders: SpoolLayout.stateFolderNames)
    }
}
