import ClusterQueue
import Testing

@Suite("Lease fence: a worker stops by the fence time after its last good heartbeat")
struct LeaseFenceTests {
    let start = ContinuousClock.now

    @Test("a job expires a fence after its last successful send, and a renewal moves that time forward only")
    func expiry() {
        let fence = LeaseFence(fence: .seconds(2))
        fence.claimed(1, sentAt: start)
        fence.claimed(2, sentAt: start)
        #expect(fence.expired(now: start + .milliseconds(1900)).isEmpty)
        fence.renewed([1], sentAt: start + .seconds(1))
        fence.renewed([1], sentAt: start + .milliseconds(500)) // a late answer to an older beat
        #expect(fence.expired(now: start + .milliseconds(2100)) == [2])
        #expect(fence.remaining(1, now: start + .milliseconds(2100)) == .milliseconds(900))
        #expect(fence.expired(now: start + .milliseconds(3100)) == [1, 2])
        fence.forget(2)
        #expect(fence.expired(now: start + .seconds(10)) == [1] && fence.remaining(2) == nil)
    }

    @Test("the timings' rule: the fence ends a margin before the lease")
    func timingsRule() {
        #expect(LeaseTimings.production.problem == nil && LeaseTimings.testing.problem == nil)
        let late = LeaseTimings(lease: .seconds(3), heartbeat: .milliseconds(500), fence: .seconds(3), sweep: .seconds(1), poll: .seconds(1))
        #expect(late.problem?.contains("fence") == true)
        let slow = LeaseTimings(lease: .seconds(3), heartbeat: .seconds(2), fence: .seconds(1), sweep: .seconds(1), poll: .seconds(1))
        #expect(slow.problem?.contains("heartbeat") == true)
    }
}
