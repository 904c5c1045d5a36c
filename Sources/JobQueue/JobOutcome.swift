import JobDocuments

/// How a run ended, as its runner saw it.
public enum JobOutcome: Sendable, Hashable {
    case done
    /// A step failed (`error.step`), or the project could not be used (`error.step` nil).
    case failed(JobStatus.JobError)
    /// Canceled during `step` (nil: before any step ran).
    case canceled(step: String?)

    /// The state the job ends in.
    public var state: JobState {
        switch self {
        case .done: .done
        case .failed: .failed
        case .canceled: .canceled
        }
    }
}
