import Foundation

/// The bed a video needs.
public struct MusicRequest: Sendable, Hashable {
    /// A mood (`dark`, `upbeat`, or a folder of the music library); nil with a ``file``.
    public var mood: String?
    /// The project's own music, already found in its asset folders.
    public var file: URL?
    /// The video's length: the bed is looped or cut to it.
    public var seconds: Double
    /// The job's id: a library picks the same track for the same job every time.
    public var jobID: String

    public init(mood: String?, file: URL?, seconds: Double, jobID: String) {
        self.mood = mood
        self.file = file
        self.seconds = seconds
        self.jobID = jobID
    }
}

/// The music step's provider: a bed for the whole video, as AAC in `.m4a`.
public protocol MusicProvider: Provider {
    /// Writes the bed to `output` and says what it used ("library track 'calm/rain.mp3'"). Returns nil,
    /// writing nothing, when this provider has nothing for the request (a music library with no tracks
    /// in that mood), so the step can ask the next one.
    func bed(_ request: MusicRequest, to output: URL) async throws -> String?

    /// Where a person would add tracks for `mood`, for the message when no provider had any.
    func whereToAdd(mood: String) -> String?
}

extension MusicProvider {
    public func whereToAdd(mood: String) -> String? { nil }
}
