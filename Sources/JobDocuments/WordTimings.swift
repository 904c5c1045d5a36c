/// One spoken word and when it is heard, in seconds from the start of the voice-over.
public struct TimedWord: Sendable, Hashable, Codable {
    public var text: String
    public var start: Double
    public var end: Double
    /// The scene the word belongs to.
    public var scene: Int

    public init(text: String, start: Double, end: Double, scene: Int) {
        self.text = text
        self.start = start
        self.end = end
        self.scene = scene
    }
}

/// `timings.json`: the voice-over's words and each scene's span on the timeline.
public struct WordTimings: Sendable, Hashable, Codable {
    public struct SceneSpan: Sendable, Hashable, Codable {
        public var index: Int
        /// When the scene's picture starts and ends (seconds); scenes tile the timeline without gaps.
        public var start: Double
        public var end: Double
        /// When its speech starts and ends inside that span.
        public var speechStart: Double
        public var speechEnd: Double

        public init(index: Int, start: Double, end: Double, speechStart: Double, speechEnd: Double) {
            self.index = index
            self.start = start
            self.end = end
            self.speechStart = speechStart
            self.speechEnd = speechEnd
        }
    }

    public var version = 1
    /// `espeak-ng` (exact engine events), `proportional` (estimated within sentences), or a provider name.
    public var source: String
    public var voiceSeconds: Double
    public var scenes: [SceneSpan]
    public var words: [TimedWord]

    public init(source: String, voiceSeconds: Double, scenes: [SceneSpan], words: [TimedWord]) {
        self.source = source
        self.voiceSeconds = voiceSeconds
        self.scenes = scenes
        self.words = words
    }
}
