import Foundation
import Media
import Providers

/// The project's own music file (`"music": "bed.mp3"`), looped or cut to the video and faded.
public struct ProjectMusicProvider: MusicProvider {
    public let name = "project"
    public let timeout: Duration

    public init(timeout: Duration) { self.timeout = timeout }

    public func readiness() async -> ProviderReadiness {
        do {
            _ = try ToolLocator.ffmpeg()
            return .ready("converts the project's own music with ffmpeg")
        } catch {
            return .notReady("\(error)")
        }
    }

    public func bed(_ request: MusicRequest, to output: URL) async throws -> String? {
        guard let file = request.file else { return nil }
        try await AudioConversion.toMusicBed(file, seconds: request.seconds, output: output, timeout: timeout)
        return "the project's '\(file.lastPathComponent)'"
    }
}
