/// A project file (schema version 1), as dropped into `spool/inbox/`, after validation.
///
/// Every field but `topic` has a default. A project may bring its own material instead of generated
/// content: a `hook`, its own `scenes` (narration, on-screen text, an image or video file or a visual prompt,
/// an effect, a duration), a `voiceover` audio file, and `music` (a file, a mood, or `none`).
/// Parse one with ``ProjectFileParser``; it rejects unknown fields, wrong types and out-of-range values.
public struct ProjectFile: Sendable, Hashable, Codable {
    public var topic: String
    public var niche: String = NichePack.defaultID
    public var language: String = "en"
    public var targetSeconds: Int = 60
    public var tempo: Tempo = .normal
    /// An espeak-ng voice name (`en-us`, `en+f3`, …); nil picks one from `language`.
    public var voice: String?
    public var visualStyle: String?
    public var seoKeywords: [String] = []
    public var scriptTemplate: ScriptTemplate?
    /// Higher runs first; ties go first in, first out.
    public var priority: Int = 0
    public var stopAfter: StopPoint?
    public var hook: String?
    public var scenes: [SceneInput]?
    /// An audio file to use as the voice-over instead of speech synthesis.
    public var voiceover: String?
    public var music: MusicChoice = .pack
    public var render: RenderOptions = RenderOptions()
    /// Which provider serves which step; empty leaves it to the daemon.
    public var providers = ProviderChoices()
    /// The most this job may spend on paid provider calls, in US dollars; nil: the daemon's cap.
    public var maxCostUsd: Double?

    public init(topic: String) { self.topic = topic }

    public enum StopPoint: String, Sendable, Hashable, Codable, CaseIterable { case plan }

    /// One scene the project supplies itself.
    public struct SceneInput: Sendable, Hashable, Codable {
        public var narration: String
        public var onScreenText: String?
        /// A prompt for a generated or drawn image.
        public var visual: String?
        /// An image file, relative to the project file's folder or the asset root.
        public var image: String?
        /// A video file instead of an image (never both), found the same way: trimmed or looped to
        /// the scene, scaled and cropped to cover the frame, its sound left out.
        public var video: String?
        public var effect: MotionEffect?
        /// Planned duration; the voice decides the real one.
        public var seconds: Double?

        public init(narration: String) { self.narration = narration }
    }

    /// What plays under the voice.
    public enum MusicChoice: Sendable, Hashable, Codable {
        /// The niche pack's mood.
        case pack
        case none
        case mood(String)
        case file(String)
    }

    public struct RenderOptions: Sendable, Hashable, Codable {
        public var width = 1080
        public var height = 1920
        public var fps = 30
        public var captions = CaptionOverrides()
        /// Seconds of picture and music kept after the last word.
        public var tailSeconds = 1.0
        /// Transitions cycled through the scene changes (names of ``transitionNames``); nil: the niche
        /// pack's own, varied with the scenes' effects.
        public var transitions: [String]?
        /// Length of every transition; nil: the pack's pace, stretched into pauses.
        public var transitionSeconds: Double?
        public init() {}

        /// The transitions a project may ask for (`cut` is a hard cut; the rest are ffmpeg `xfade` names).
        public static let transitionNames = [
            "cut", "fade", "fadeblack", "fadewhite", "dissolve", "slideleft", "slideup", "smoothleft",
            "smoothup", "wipeleft", "zoomin", "circleopen", "pixelize",
        ]
    }

    public struct CaptionOverrides: Sendable, Hashable, Codable {
        public var primaryColor: RGBColor?
        public var highlightColor: RGBColor?
        public var outlineColor: RGBColor?
        /// Font size in pixels at 1080 wide.
        public var fontSize: Int?
        public var maxWordsPerLine: Int?
        public var enabled = true
        public init() {}
    }

    public var nichePack: NichePack { NichePack.named(niche) ?? NichePack.named(NichePack.defaultID)! }
}
