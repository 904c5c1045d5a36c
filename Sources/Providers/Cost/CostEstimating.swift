import ProjectModel

/// A provider whose calls are paid: what it expects one job to cost, before the job runs
/// (`status.json`'s `cost.estimatedUsd`, and what the daily budget admits).
public protocol CostEstimating {
    func estimatedUsd(for project: ProjectFile) -> Double
}

/// The sizes a job's paid calls scale with, from the project alone.
public enum ProjectSize {
    /// A spoken character's share of a second at 150 words a minute (about 15 characters a second).
    static let charactersPerWord = 6.0

    /// Characters to speak: the project's own narration, else the target length at the tempo.
    public static func spokenCharacters(_ project: ProjectFile) -> Int {
        if let scenes = project.scenes { return scenes.reduce(0) { $0 + $1.narration.count } }
        return Int(Double(project.targetSeconds) * Double(project.tempo.wordsPerMinute) / 60 * charactersPerWord)
    }

    /// Seconds of speech.
    public static func spokenSeconds(_ project: ProjectFile) -> Double {
        guard project.scenes != nil else { return Double(project.targetSeconds) }
        return Double(spokenCharacters(project)) / charactersPerWord / Double(project.tempo.wordsPerMinute) * 60
    }

    /// Scenes that need a picture: the project's own without an image or video, else the most its
    /// pack's pacing allows for the length (an estimate a budget can trust not to be short).
    public static func scenesToIllustrate(_ project: ProjectFile) -> Int {
        if let scenes = project.scenes { return scenes.filter { $0.image == nil && $0.video == nil }.count }
        let pacing = project.nichePack.pacing(forTargetSeconds: project.targetSeconds)
        return max(2, Int((Double(project.targetSeconds) / pacing.minSeconds).rounded(.down)))
    }
}
