/// What the images step made for one scene, kept beside it as `images/scene_NN.json`: a still or a
/// clip, its file, the provider that made it, and the credit a stock picture must carry.
///
/// It is written last, once the picture is in place, so its presence marks the scene finished; the
/// render reads from it which file to show and how, and finalize collects the credits.
public struct SceneVisual: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable {
        /// A PNG of the requested size, moved over by the scene's effect.
        case image
        /// A video clip, trimmed or looped to the scene by the render.
        case video
    }

    public var kind: Kind
    /// The file's name in the images folder (`scene_03.png`, `scene_03.mp4`).
    public var file: String
    /// The provider that made it (`status.json`'s `providers.images`): `openai`, `pexels`, `painter`, …
    public var provider: String
    /// Who to credit, for pictures that are not ours.
    public var credit: MediaCredit?

    public init(kind: Kind, file: String, provider: String, credit: MediaCredit? = nil) {
        self.kind = kind
        self.file = file
        self.provider = provider
        self.credit = credit
    }
}
