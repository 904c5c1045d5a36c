/// The lifecycle state of a job; `state` in `status.json`.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case queued, running, done, failed, canceled

    /// Done, failed or canceled: the job will not run again unless it is retried.
    public var isFinal: Bool { self == .done || self == .failed || self == .canceled }
}
