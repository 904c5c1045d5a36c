/// Speaking pace. It sets the plan's word budget and the speech rate of the voice.
public enum Tempo: String, Codable, Sendable, CaseIterable {
    case slow, normal, fast

    /// Words per minute, as the upstream planner counted them (slow 120, normal 150, fast 180).
    public var wordsPerMinute: Int {
        switch self {
        case .slow: 120
        case .normal: 150
        case .fast: 180
        }
    }
}
