import Foundation
import Media
import ProjectModel
import Providers

/// An original bed synthesised by ffmpeg in one of the built-in moods (``MusicBed``): no library, no
/// licence, no network.
public struct GeneratedMusicProvider: MusicProvider {
    public let name = "generated"
    public let timeout: Duration

    public init(timeout: Duration) { self.timeout = timeout }

    public func readiness() async -> ProviderReadiness {
        do {
            _ = try ToolLocator.ffmpeg()
            return .ready("synthesises beds in \(MusicMood.all.count) moods with ffmpeg")
        } catch {
            return .notReady("\(error)")
        }
    }

    /// Writes nothing (returns nil) for a mood it has no recipe for: only a library has those.
    public func bed(_ request: MusicRequest, to output: URL) async throws -> String? {
        guard let mood = request.mood, MusicMood.all.contains(mood) else { return nil }
        try await MusicBed.generate(mood: mood, seconds: request.seconds, output: output, timeout: timeout)
        return "generated '\(mood)' bed"
    }
}
