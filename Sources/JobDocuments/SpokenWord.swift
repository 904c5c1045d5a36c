/// One word as the voice speaks it: its text (normalised as the voice says it) and when it is heard,
/// in seconds from the start of the audio.
public struct SpokenWord: Sendable, Hashable, Codable {
    public var text: String
    public var start: Double
    public var end: Double

    public init(text: String, start: Double, end: Double) {
        self.text = text
        self.start = start
        self.end = end
    }
}
