/// The steps every job goes through, in order.
public enum PipelineStep: String, Codable, Sendable, CaseIterable, Comparable {
    case plan, voice, align, images, captions, music, render, finalize

    public static func < (lhs: PipelineStep, rhs: PipelineStep) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Share of the job's progress bar, in percent (they add up to 100).
    public var progressWeight: Int {
        switch self {
        case .plan: 5
        case .voice: 10
        case .align: 2
        case .images: 15
        case .captions: 3
        case .music: 5
        case .render: 55
        case .finalize: 5
        }
    }
}
