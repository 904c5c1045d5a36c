/// `audio/speech.json`: what the voice step leaves for the align step — where each scene's speech is
/// in `voiceover.wav`, and the words the speech provider timed, if it timed them.
public struct SpeechManifest: Codable, Sendable, Hashable {
    public struct SceneSpeech: Codable, Sendable, Hashable {
        public var index: Int
        /// Where the scene's speech starts in `voiceover.wav`, and how long it lasts (seconds).
        public var offset: Double
        public var duration: Double
        /// Word timings relative to the scene's own start, as the provider gave them; empty when it gave
        /// none (a supplied voice-over, a provider without timestamps).
        public var words: [Word]

        public init(index: Int, offset: Double, duration: Double, words: [Word]) {
            self.index = index
            self.offset = offset
            self.duration = duration
            self.words = words
        }
    }

    /// A word and when it is heard, from the start of its scene's speech.
    public typealias Word = SpokenWord

    /// The provider that spoke (`espeak-ng`, `voiceover` for the project's own audio, `dry-run`).
    public var engine: String
    public var voice: String
    /// Of `voiceover.wav`; 0 when unknown.
    public var sampleRate: Int
    public var totalSeconds: Double
    public var scenes: [SceneSpeech]

    public init(engine: String, voice: String, sampleRate: Int, totalSeconds: Double, scenes: [SceneSpeech]) {
        self.engine = engine
        self.voice = voice
        self.sampleRate = sampleRate
        self.totalSeconds = totalSeconds
        self.scenes = scenes
    }

    /// True when every scene's speech came with word timings.
    public var hasWordTimings: Bool { !scenes.isEmpty && scenes.allSatisfy { !$0.words.isEmpty } }
}
