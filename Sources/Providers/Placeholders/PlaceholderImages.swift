import Foundation
import JobDocuments

/// A text note where a scene's picture would be: its prompt, or the project's own file.
public struct PlaceholderImages: ImageProvider {
    public let name = Placeholder.providerName

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("writes text placeholders (dry run)") }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        let what = switch request.source {
        case .image(let file)?, .video(let file)?: "the project's \(file.lastPathComponent)"
        case nil: "Prompt: \(request.scene.visual)"
        }
        try Placeholder.write("[dry-run image] scene \(request.scene.index), \(request.width)x\(request.height)\n\(what)\n", to: output)
        return still(output)
    }
}
