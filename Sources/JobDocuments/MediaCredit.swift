/// Who made a stock photo or video, and where it is published: what its licence asks a video to
/// show ("Photo by NAME on Pexels", with links). Carried from the images step to `export.json`.
public struct MediaCredit: Codable, Sendable, Hashable {
    /// The library it came from: `Pexels`.
    public var source: String
    /// The photographer or videographer.
    public var author: String
    /// Their page in the library.
    public var authorURL: String?
    /// The picture's own page.
    public var url: String

    public init(source: String, author: String, authorURL: String?, url: String) {
        self.source = source
        self.author = author
        self.authorURL = authorURL
        self.url = url
    }
}
