/// How one scene gives way to the next: an `xfade` transition centred on the scene change, or a cut.
///
/// The change time itself never moves (it sits in the pause between two scenes' speech): the outgoing
/// scene runs on for half the transition and the incoming one starts half a transition early, so the
/// video's length and every caption stay where they were.
public struct SceneTransition: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case cut
        case crossfade = "fade"
        case fadeBlack = "fadeblack"
        case fadeWhite = "fadewhite"
        case dissolve
        case slideLeft = "slideleft"
        case slideUp = "slideup"
        case smoothLeft = "smoothleft"
        case smoothUp = "smoothup"
        case wipeLeft = "wipeleft"
        case zoomIn = "zoomin"
        case circleOpen = "circleopen"
        case pixelize

        /// The `xfade` transition name; nil for a cut.
        public var xfadeName: String? { self == .cut ? nil : rawValue }
    }

    public var kind: Kind
    /// Requested length in seconds; the render shortens it to fit short scenes (or cuts below 2 frames).
    public var seconds: Double

    public init(_ kind: Kind, seconds: Double) {
        self.kind = kind
        self.seconds = seconds
    }

    public static let cut = SceneTransition(.cut, seconds: 0)
}
