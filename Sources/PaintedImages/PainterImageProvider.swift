import Dispatch
import Foundation
import JobDocuments
import Media
import Providers

/// The offline painter as the images step's provider: an abstract picture in the niche pack's palette
/// for every scene (``ScenePainter``), converted to PNG by ffmpeg.
///
/// Painting is CPU work of a second or so a scene: it runs on a Dispatch queue (``BlockingCall``), not
/// on the cooperative pool.
public struct PainterImageProvider: ImageProvider {
    public let name = "painter"

    private static let queue = DispatchQueue(label: "tiktok-ai.painter", qos: .userInitiated, attributes: .concurrent)

    public init() {}

    public func readiness() async -> ProviderReadiness {
        do {
            _ = try ToolLocator.ffmpeg()
            return .ready("draws pictures offline in each pack's palette (ffmpeg converts them to PNG)")
        } catch {
            return .notReady("\(error)")
        }
    }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        let raster = try await BlockingCall.run(on: Self.queue) { _ in
            ScenePainter.paint(scene: request.scene, pack: request.project.nichePack, topic: request.project.topic,
                               width: request.width, height: request.height)
        }
        let ppm = output.deletingLastPathComponent().appending(path: ".\(output.deletingPathExtension().lastPathComponent).ppm")
        try raster.writePPM(to: ppm)
        defer { try? FileManager.default.removeItem(at: ppm) }
        try await StillImage.convert(ppm, to: output)
        return still(output)
    }
}
