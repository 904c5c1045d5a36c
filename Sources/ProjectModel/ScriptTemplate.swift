/// The three script structures a plan can follow.
public enum ScriptTemplate: String, Codable, Sendable, CaseIterable {
    case top5
    case mythVsFact = "myth_vs_fact"
    case storytime

    public var name: String {
        switch self {
        case .top5: "Top 5 countdown"
        case .mythVsFact: "Myth vs fact"
        case .storytime: "Storytime"
        }
    }

    public var summary: String {
        switch self {
        case .top5: "A numbered countdown, one item per scene, opened by a \"Here are 5…\" hook."
        case .mythVsFact: "State the myth, then \"here's the truth\"."
        case .storytime: "Beginning, middle and end in the first person, with an emotional beat or twist."
        }
    }
}
