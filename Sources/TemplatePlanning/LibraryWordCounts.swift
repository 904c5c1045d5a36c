import ProjectModel
import Providers

/// Spoken words of the library's lines that have no placeholder, counted once per process.
///
/// Planning weighs many candidate sentences against a word budget, and counting words (SpeechText's
/// normalisation, scalar by scalar) was most of a plan's time. A line without a placeholder reads the
/// same in every plan, so its count is shared; a line with the topic in it is counted by the plan's
/// own ScriptWriter. A plain table built once, so no lock is needed and nothing grows.
enum LibraryWordCounts {
    static let counts: [String: Int] = {
        let beats = ScriptLibrary.explainerBeats + ScriptLibrary.top5Angles + ScriptLibrary.storyBeats
        var lines = ScriptLibrary.general + ScriptLibrary.storyReflections + ScriptLibrary.mythPool
            + ScriptLibrary.transitions + ScriptLibrary.mythContinuations
            + ScriptLibrary.callsToAction + ScriptLibrary.storyCallsToAction
        lines += beats.flatMap { $0.leads + $0.continuations + $0.pool }
        lines += NichePack.all.flatMap { $0.flavourLines + [$0.callToAction] }
        var counts: [String: Int] = [:]
        for line in lines where !line.contains("{") {
            counts[line] = SpeechText.wordCount(line)
        }
        return counts
    }()
}
