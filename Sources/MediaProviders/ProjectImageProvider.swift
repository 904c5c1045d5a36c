import Foundation
import Media
import Providers

/// The project's own pictures (`scenes[].image`): scaled to cover the requested size, the centre
/// cropped, written as PNG.
public struct ProjectImageProvider: ImageProvider {
    public let name = "project"

    public init() {}

    public func readiness() async -> ProviderReadiness {
        do {
            _ = try ToolLocator.ffmpeg()
            return .ready("scales the project's own images with ffmpeg")
        } catch {
            return .notReady("\(error)")
        }
    }

    public func image(_ request: ImageRequest, to output: URL) async throws {
        guard let source = request.source else {
            throw ProviderError("scene \(request.scene.index) has no image of its own", retryable: false)
        }
        try await StillImage.normalize(userImage: source, to: output, width: request.width, height: request.height)
    }
}
