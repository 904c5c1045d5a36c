import Foundation
import JobDocuments
import ProjectModel

/// One scene's picture to make.
public struct ImageRequest: Sendable {
    public var scene: Plan.Scene
    public var project: ProjectFile
    /// The size to make it, larger than the frame so the render can move over it.
    public var width: Int
    public var height: Int
    /// The project's own file for this scene, already found in its asset folders; nil to generate one.
    public var source: URL?

    public init(scene: Plan.Scene, project: ProjectFile, width: Int, height: Int, source: URL? = nil) {
        self.scene = scene
        self.project = project
        self.width = width
        self.height = height
        self.source = source
    }
}

/// The images step's provider: one PNG per scene.
public protocol ImageProvider: Provider {
    /// Writes the scene's picture as a PNG of exactly the requested size to `output`, under a
    /// temporary name renamed when complete.
    func image(_ request: ImageRequest, to output: URL) async throws
}
