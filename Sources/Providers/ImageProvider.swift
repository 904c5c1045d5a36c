import Foundation
import JobDocuments
import ProjectModel

/// One scene's picture to make.
public struct ImageRequest: Sendable {
    /// A file of the project's own for the scene, already found in its asset folders.
    public enum Source: Sendable, Hashable {
        case image(URL)
        case video(URL)
    }

    public var scene: Plan.Scene
    public var project: ProjectFile
    /// The size to make a still, larger than the frame so the render can move over it. (A clip is
    /// scaled to the frame by the render itself.)
    public var width: Int
    public var height: Int
    /// How long the scene is on screen, in seconds: a stock provider takes a clip for a long enough scene.
    public var seconds: Double
    /// The project's own file for this scene; nil to generate one.
    public var source: Source?

    public init(scene: Plan.Scene, project: ProjectFile, width: Int, height: Int, seconds: Double = 0, source: Source? = nil) {
        self.scene = scene
        self.project = project
        self.width = width
        self.height = height
        self.seconds = seconds
        self.source = source
    }
}

/// The images step's provider: one picture per scene, a still or a video clip.
public protocol ImageProvider: Provider {
    /// Makes the scene's picture, under a temporary name renamed when complete: a PNG of exactly the
    /// requested size at `output`, or a clip beside it under the same name with its own extension
    /// (`scene_03.mp4`). Returns what it made, with the name of the provider that really made it (a
    /// provider with a fallback may name its fallback) and the credit a stock picture needs.
    func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual
}

extension ImageProvider {
    /// What a provider made when it wrote the still at `output` itself.
    public func still(_ output: URL, credit: MediaCredit? = nil) -> SceneVisual {
        SceneVisual(kind: .image, file: output.lastPathComponent, provider: name, credit: credit)
    }

    /// Where a clip with extension `ext` goes for a scene whose still would be `output`.
    public func clipFile(beside output: URL, extension ext: String) -> URL {
        output.deletingPathExtension().appendingPathExtension(ext.lowercased())
    }
}
