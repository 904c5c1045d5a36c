import Foundation

/// The names of everything inside a job folder (SPEC "A job folder"). Paths recorded in status and
/// export files are relative to the folder, so the folder can move between state folders freely.
///
/// Which step writes which of these is declared once, in ``PipelineStep/outputs(in:sceneIndices:)``.
public struct JobFiles: Sendable, Hashable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    /// The project as dropped (or the batch line it came from).
    public var project: URL { folder.appending(path: "project.json") }
    /// `status.json`: written only by the job's queue (``JobStatus``).
    public var status: URL { folder.appending(path: "status.json") }
    public var plan: URL { folder.appending(path: "plan.json") }
    public var audioFolder: URL { folder.appending(path: "audio", directoryHint: .isDirectory) }
    public var imagesFolder: URL { folder.appending(path: "images", directoryHint: .isDirectory) }
    /// The whole narration, scene after scene, as one WAV.
    public var voiceover: URL { audioFolder.appending(path: "voiceover.wav") }
    /// Per-scene speech with the engine's word events (``SpeechManifest``), written by the voice step.
    public var speech: URL { audioFolder.appending(path: "speech.json") }
    public var timings: URL { folder.appending(path: "timings.json") }
    public var captions: URL { folder.appending(path: "captions.ass") }
    public var music: URL { folder.appending(path: "music.m4a") }
    /// Written when the project asked for no music, so the music step's output is complete either way.
    public var musicNone: URL { folder.appending(path: "music.none") }
    public var video: URL { folder.appending(path: "video.mp4") }
    /// The cover: the title card moment.
    public var thumbnail: URL { folder.appending(path: "thumb.jpg") }
    /// The first frame and the middle one, for a person choosing another cover.
    public var firstFrame: URL { folder.appending(path: "thumb_0.jpg") }
    public var middleFrame: URL { folder.appending(path: "thumb_mid.jpg") }
    public var export: URL { folder.appending(path: "export.json") }
    public var log: URL { folder.appending(path: "job.log") }
    /// A control file: its presence asks the daemon to cancel the job.
    public var cancelRequest: URL { folder.appending(path: "CANCEL") }

    /// One scene's speech, before the scenes are joined; `ext` is the provider's audio format.
    public func sceneAudio(_ index: Int, ext: String = "wav") -> URL {
        audioFolder.appending(path: String(format: "scene_%02d.%@", index, ext))
    }

    /// One scene's still (`images/scene_NN.png`); a clip goes beside it with its own extension.
    public func sceneImage(_ index: Int) -> URL { imagesFolder.appending(path: String(format: "scene_%02d.png", index)) }

    /// What the images step made for a scene (``SceneVisual``), written once its picture is in place.
    public func sceneVisual(_ index: Int) -> URL { imagesFolder.appending(path: String(format: "scene_%02d.json", index)) }

    /// The picture a scene's ``SceneVisual`` names.
    public func sceneFile(_ visual: SceneVisual) -> URL { imagesFolder.appending(path: visual.file) }

    public func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// A path relative to the job folder, for status and export files.
    public func relative(_ url: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
