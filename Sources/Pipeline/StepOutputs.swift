import Foundation
import ProjectModel

/// The files each step writes in a job folder: what `retry --from STEP` deletes so the step and
/// every later one really run again instead of being skipped as complete.
public enum StepOutputs {
    public static func urls(of step: PipelineStep, in files: JobFiles) -> [URL] {
        switch step {
        case .plan: [files.plan]
        case .voice: [files.audioFolder]
        case .align: [files.timings]
        case .images: [files.imagesFolder]
        case .captions: [files.captions]
        case .music: [files.music, files.musicNone]
        case .render: [files.video]
        case .finalize: [files.thumbnail, files.export]
        }
    }

    /// Deletes the outputs of `step` and of every step after it; returns the paths removed
    /// (relative to the job folder).
    @discardableResult
    public static func remove(from step: PipelineStep, in files: JobFiles) throws -> [String] {
        var removed: [String] = []
        for later in PipelineStep.allCases where later >= step {
            for url in urls(of: later, in: files) where files.exists(url) {
                try FileManager.default.removeItem(at: url)
                removed.append(files.relative(url))
            }
        }
        return removed
    }
}
