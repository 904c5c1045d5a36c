/// What a daemon did by the time it stopped: what `run --once` prints.
public struct DaemonSummary: Sendable, Hashable {
    public var done: [String] = []
    /// Failed or canceled.
    public var failed: [String] = []
    /// Jobs left waiting: `run --once` found the spool paused or short of disk space.
    public var waiting: [String] = []
    public var waitingReason: String?

    public init() {}
}
