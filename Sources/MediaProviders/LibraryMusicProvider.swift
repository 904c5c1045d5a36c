import Foundation
import Media
import Providers

/// Tracks from a music library, `DIR/<mood>/*.{mp3,m4a,wav,ogg}` (``MusicLibrary``): the same job
/// always gets the same track, a batch spreads over the folder. Looped or cut to the video, faded.
public struct LibraryMusicProvider: MusicProvider {
    public let name = "library"
    /// `MUSIC_LIBRARY_DIR`, or `<spool>/../music`; nil: no library.
    public let directory: URL?
    public let timeout: Duration

    public init(directory: URL?, timeout: Duration) {
        self.directory = directory
        self.timeout = timeout
    }

    public func readiness() async -> ProviderReadiness {
        guard let directory else { return .ready("no music library configured (MUSIC_LIBRARY_DIR); generated beds are used") }
        let moods = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { !MusicLibrary.tracks(in: directory, mood: $0).isEmpty }.sorted()
        return .ready(moods.isEmpty ? "\(directory.path): no tracks yet; generated beds are used"
                                    : "\(directory.path): \(moods.joined(separator: ", "))")
    }

    /// Writes nothing (returns nil) when the library has no track in the mood.
    public func bed(_ request: MusicRequest, to output: URL) async throws -> String? {
        guard let directory, let mood = request.mood,
              let track = MusicLibrary.pick(in: directory, mood: mood, key: request.jobID) else { return nil }
        try await AudioConversion.toMusicBed(track, seconds: request.seconds, output: output, timeout: timeout)
        return "library track '\(track.deletingLastPathComponent().lastPathComponent)/\(track.lastPathComponent)'"
    }

    public func whereToAdd(mood: String) -> String? { directory.map { "\($0.path)/\(mood)/" } }
}
