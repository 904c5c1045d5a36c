/// Text drawn over the picture besides the word captions: the hook as a title card over the first scene,
/// and each scene's short on-screen label. Written as extra events in the captions' ASS file, so one
/// `ass` pass draws everything.
public struct TextOverlay: Sendable, Hashable {
    public enum Role: Sendable, Hashable {
        /// The hook: big, bold, in the top third, popping in.
        case title
        /// A scene's `onScreenText`: a short boxed label near the top.
        case label
    }

    public var role: Role
    public var text: String
    /// Seconds on the video's timeline.
    public var start: Double
    public var end: Double

    public init(role: Role, text: String, start: Double, end: Double) {
        self.role = role
        self.text = text
        self.start = start
        self.end = end
    }

    /// Labels shorter than this on screen are left out: they could not be read.
    public static let shortestLabel = 0.8

    /// The title over the first scene and one label per scene, each shown while its scene is on screen
    /// alone (between its transitions). `labels[i]` belongs to scene `i`; empty texts are skipped.
    public static func forVideo(hook: String, labels: [String], timeline: SceneTimeline) -> [TextOverlay] {
        var overlays: [TextOverlay] = []
        let hook = CaptionText.clean(hook, uppercase: false)
        if !hook.isEmpty, timeline.sceneCount > 0 {
            let span = timeline.soloSpan(scene: 0)
            overlays.append(TextOverlay(role: .title, text: hook, start: 0, end: span.end))
        }
        for (index, label) in labels.prefix(timeline.sceneCount).enumerated() {
            let text = CaptionText.clean(label, uppercase: false)
            let span = timeline.soloSpan(scene: index)
            guard !text.isEmpty, span.end - span.start >= shortestLabel else { continue }
            overlays.append(TextOverlay(role: .label, text: text, start: span.start, end: span.end))
        }
        return overlays
    }
}
