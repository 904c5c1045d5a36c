import JobDocuments

/// What a queue's recovery needs to know about the process before this one.
public struct RecoveryContext: Sendable, Hashable {
    /// The fatal signal the previous daemon died of, when it crashed (rather than being killed from
    /// outside): its running jobs then count the crash as a failed attempt.
    public var previousCrashSignal: Int32?
    public var policy: RetryPolicy

    public init(previousCrashSignal: Int32? = nil, policy: RetryPolicy = RetryPolicy()) {
        self.previousCrashSignal = previousCrashSignal
        self.policy = policy
    }
}

/// A job recovery put back in the queue, or failed as a poison pill.
public struct RecoveredJob: Sendable, Hashable {
    public var status: JobStatus
    /// True when it was found half-claimed (a crash mid-claim) rather than abandoned mid-run.
    public var wasBeingClaimed: Bool

    public init(status: JobStatus, wasBeingClaimed: Bool) {
        self.status = status
        self.wasBeingClaimed = wasBeingClaimed
    }
}
