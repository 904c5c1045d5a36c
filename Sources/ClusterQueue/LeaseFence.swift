import Synchronization

/// A worker's side of its leases: for each job, when the last heartbeat that got through was *sent*,
/// and whether the fence time has passed since (``LeaseTimings``).
///
/// Guarantee: ``expired(now:)`` names a job no later than `fence` after the send time of its last
/// successful claim or heartbeat, whatever the database does meanwhile (an answer that never comes
/// counts as no answer). The database gave that lease at least `lease` from the same send, later
/// than the send, so the render is stopped before another host can claim the job.
public final class LeaseFence: Sendable {
    public typealias Instant = ContinuousClock.Instant
    public let fence: Duration
    private let lastGoodSend = Mutex<[Int64: Instant]>([:])

    public init(fence: Duration) {
        self.fence = fence
    }

    /// A job claimed by a request sent at `sentAt`.
    public func claimed(_ jobID: Int64, sentAt: Instant) {
        lastGoodSend.withLock { $0[jobID] = sentAt }
    }

    /// A heartbeat sent at `sentAt` renewed these jobs. An older send never moves a job's time back.
    public func renewed(_ jobIDs: some Sequence<Int64>, sentAt: Instant) {
        lastGoodSend.withLock { times in
            for id in jobIDs where times[id].map({ $0 < sentAt }) ?? false { times[id] = sentAt }
        }
    }

    /// The job ended here (committed, failed, or stopped): it is no longer watched.
    public func forget(_ jobID: Int64) {
        lastGoodSend.withLock { $0[jobID] = nil }
    }

    /// Jobs whose fence time has passed: their renders must stop now.
    public func expired(now: Instant = .now) -> [Int64] {
        lastGoodSend.withLock { times in times.filter { now - $0.value > fence }.map(\.key).sorted() }
    }

    /// How long `jobID` may still run without a good heartbeat; nil when it is not watched.
    public func remaining(_ jobID: Int64, now: Instant = .now) -> Duration? {
        lastGoodSend.withLock { $0[jobID].map { fence - (now - $0) } }
    }
}
