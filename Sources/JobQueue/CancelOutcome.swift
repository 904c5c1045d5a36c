import JobDocuments

/// What ``JobQueue/cancel(id:)`` did.
public enum CancelOutcome: Sendable, Hashable {
    /// It was waiting (or left running with no runner): it is canceled now.
    case canceled(JobStatus)
    /// It is running: its runner was asked to stop it (within a second or two, ffmpeg included).
    case requested(JobStatus)
    /// It had already finished; nothing changed.
    case alreadyFinished(JobStatus)
}
