import Foundation

/// The names of everything inside a job folder (SPEC "A job folder"). Paths recorded in status
/// files are relative to the folder, so the folder can move between state folders freely.
public struct JobFiles: Sendable {
    public let folder: URL

    public init(folder: URL) { self.folder = folder }

    public var project: URL { folder.appending(path: "project.json") }
    public var status: URL { folder.appending(path: "status.json") }
    public var plan: URL { folder.appending(path: "plan.json") }
    public var audioFolder: URL { folder.appending(path: "audio", directoryHint: .isDirectory) }
    public var imagesFolder: URL { folder.appending(path: "images", directoryHint: .isDirectory) }
    /// The whole narration, scene after scene, as one WAV.
    public var voiceover: URL { audioFolder.appending(path: "voiceover.wav") }
    /// Per-scene speech with its engine word events (written by the voice step).
    public var speech: URL { audioFolder.appending(path: "speech.json") }
    public var timings: URL { folder.appending(path: "timings.json") }
    public var captions: URL { folder.appending(path: "captions.ass") }
    public var music: URL { folder.appending(path: "music.m4a") }
    /// Written when the project asked for no music, so the music step's output is complete either way.
    public var musicNone: URL { folder.appending(path: "music.none") }
    public var video: URL { folder.appending(path: "video.mp4") }
    public var thumbnail: URL { folder.appending(path: "thumb.jpg") }
    public var export: URL { folder.appending(path: "export.json") }
    public var log: URL { folder.appending(path: "job.log") }
    /// A control file: its presence asks the daemon to cancel the job.
    public var cancelRequest: URL { folder.appending(path: "CANCEL") }

    public func sceneAudio(_ index: Int) -> URL { audioFolder.appending(path: String(format: "scene_%02d.wav", index)) }
    public func sceneImage(_ index: Int) -> URL { imagesFolder.appending(path: String(format: "scene_%02d.png", index)) }
    /// The painter's raw output before conversion to PNG.
    public func sceneRaster(_ index: Int) -> URL { imagesFolder.appending(path: String(format: ".scene_%02d.ppm", index)) }

    public func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// A path relative to the job folder, for status and export files.
    public func relative(_ url: URL) -> String {
        let base = folder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }
}
