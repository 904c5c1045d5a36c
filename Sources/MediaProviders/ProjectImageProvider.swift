import FileSafety
import Foundation
import JobDocuments
import Media
import Providers

/// The project's own pictures (`scenes[].image`): scaled to cover the requested size, the centre
/// cropped, written as PNG. And its own videos (`scenes[].video`): checked with ffprobe and copied
/// as they are, never re-encoded, so the render's one encode is the only one; the render trims or
/// loops, scales and crops them.
public struct ProjectImageProvider: ImageProvider {
    public let name = "project"

    public init() {}

    public func readiness() async -> ProviderReadiness {
        do {
            _ = try ToolLocator.ffmpeg()
            return .ready("scales the project's own images and checks its videos with ffmpeg")
        } catch {
            return .notReady("\(error)")
        }
    }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        switch request.source {
        case .image(let source)?:
            try await StillImage.normalize(userImage: source, to: output, width: request.width, height: request.height)
            return still(output)
        case .video(let source)?:
            try await Self.checkPlayable(source, scene: request.scene.index)
            let clip = clipFile(beside: output, extension: source.pathExtension)
            try await AtomicOutput.write(to: clip) { temporary in
                try FileManager.default.copyItem(at: source, to: temporary)
            }
            return SceneVisual(kind: .video, file: clip.lastPathComponent, provider: name)
        case nil:
            throw ProviderError("scene \(request.scene.index) has no image or video of its own", retryable: false)
        }
    }

    /// A file with a picture ffmpeg can decode and some length: anything else would fail the
    /// render minutes later with a less helpful message.
    static func checkPlayable(_ video: URL, scene: Int) async throws {
        let info: MediaInfo
        do {
            info = try await MediaProbe.probe(video)
        } catch {
            throw ProviderError("scenes[\(scene)].video: '\(video.lastPathComponent)' cannot be read as a video (\(error))", retryable: false)
        }
        guard let stream = info.videoStreams.first, stream.width > 0, stream.height > 0 else {
            throw ProviderError("scenes[\(scene)].video: '\(video.lastPathComponent)' has no video stream", retryable: false)
        }
        guard (stream.duration ?? info.duration) > 0 else {
            throw ProviderError("scenes[\(scene)].video: '\(video.lastPathComponent)' has no length", retryable: false)
        }
    }
}
