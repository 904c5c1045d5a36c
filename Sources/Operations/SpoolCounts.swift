/// `status --json` without a job: how many jobs are in each state (purged ones left out), how many
/// files wait in the inbox, and whether the spool is paused.
public struct SpoolCounts: Sendable, Hashable, Codable {
    public var queued: Int
    public var running: Int
    public var done: Int
    public var failed: Int
    public var canceled: Int
    public var inbox: Int
    public var paused: Bool
}
