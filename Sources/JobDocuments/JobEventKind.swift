/// What kind of thing happened to a job: the `kind` of its events in the index and of its `job.log`
/// lines. A string underneath, so an index written by another version still reads.
public struct JobEventKind: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// Taken from the inbox (or submitted) and queued, or failed at once for bad input.
    public static let claimed = JobEventKind(rawValue: "claimed")
    /// A note from a step: what it made, what it used.
    public static let info = JobEventKind(rawValue: "info")
    /// The job failed, or was not retried automatically; the message says why.
    public static let error = JobEventKind(rawValue: "error")
    /// Finished: the video and its files are in `done/`.
    public static let done = JobEventKind(rawValue: "done")
    /// Canceled by `tiktok-ai cancel` or a `CANCEL` file.
    public static let canceled = JobEventKind(rawValue: "canceled")
    /// Put back in the queue while running (the daemon stopping, a full disk) to resume later.
    public static let requeued = JobEventKind(rawValue: "requeued")
    /// Found running when a daemon started, and queued again for its next attempt.
    public static let resumed = JobEventKind(rawValue: "resumed")
    /// Queued again by `tiktok-ai retry` or by moving its folder back into the inbox.
    public static let retry = JobEventKind(rawValue: "retry")
    /// Its folder was removed (cleanup, or from outside); the index keeps its history.
    public static let purged = JobEventKind(rawValue: "purged")

    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
