/// The lease, heartbeat, fence, rescue and poll intervals of a cluster (scale-out.md §5b).
///
/// The rule that makes a job commit once: a worker kills its own render ``fence`` after its last
/// heartbeat that succeeded was *sent*; the database set that lease to expire ``lease`` after it
/// *received* it, later. With `fence < lease` the render stops before another host can claim the job,
/// as long as the two clocks run at about the same rate (they need not agree on the time).
public struct LeaseTimings: Sendable, Hashable {
    /// How long a claim or a heartbeat holds a job.
    public var lease: Duration
    /// How often a host renews all its leases (one statement).
    public var heartbeat: Duration
    /// How long after its last good heartbeat a worker stops its renders.
    public var fence: Duration
    /// How often each host rescues expired leases.
    public var sweep: Duration
    /// How often a host looks for work without a wake-up.
    public var poll: Duration

    public init(lease: Duration, heartbeat: Duration, fence: Duration, sweep: Duration, poll: Duration) {
        self.lease = lease
        self.heartbeat = heartbeat
        self.fence = fence
        self.sweep = sweep
        self.poll = poll
    }

    /// Production: ride through a database failover of up to a minute.
    public static let production = LeaseTimings(lease: .seconds(60), heartbeat: .seconds(10), fence: .seconds(45),
                                                sweep: .seconds(10), poll: .seconds(1))
    /// The tests' profile: a dead host's job is claimed again within about 4 s.
    public static let testing = LeaseTimings(lease: .seconds(3), heartbeat: .milliseconds(500), fence: .seconds(2),
                                             sweep: .milliseconds(500), poll: .milliseconds(200))

    /// Why these timings cannot keep the guarantee, or nil when they can.
    public var problem: String? {
        let margin = max(heartbeat, lease / 4)
        if heartbeat * 2 > lease { return "the heartbeat (\(heartbeat)) must be at most half the lease (\(lease))" }
        if fence + margin > lease {
            return "the fence (\(fence)) must end at least \(margin) before the lease (\(lease)) does"
        }
        if fence <= heartbeat { return "the fence (\(fence)) must be longer than the heartbeat (\(heartbeat))" }
        return nil
    }
}
