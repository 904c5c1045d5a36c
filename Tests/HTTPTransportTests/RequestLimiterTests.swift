import Foundation
import Synchronization
import Testing
@testable import HTTPTransport

/// A value tasks share.
final class Shared<Value: Sendable>: Sendable {
    private let value: Mutex<Value>
    init(_ value: Value) { self.value = Mutex(value) }
    func update(_ body: (inout Value) -> Void) { value.withLock { body(&$0) } }
    var current: Value { value.withLock { $0 } }
}

@Suite("RequestLimiter: concurrency and requests a minute shared by every job")
struct RequestLimiterTests {
    @Test("no more than `concurrency` requests are in flight, and every waiter gets its turn")
    func concurrencyIsBounded() async throws {
        let limiter = RequestLimiter(concurrency: 2)
        let peak = Shared(0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    try await limiter.run {
                        let now = limiter.inFlight
                        peak.update { $0 = max($0, now) }
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(peak.current == 2)
        #expect(limiter.inFlight == 0)
    }

    @Test("the request past `perMinute` waits until the minute's oldest start is a minute old")
    func perMinuteWaits() async throws {
        // A clock that jumps 59.9 s once the first two requests have started.
        let offset = Shared(Duration.zero)
        let start = ContinuousClock.now
        let limiter = RequestLimiter(perMinute: 2, now: { ContinuousClock.now + offset.current })
        try await limiter.run {}
        try await limiter.run {}
        let elapsed = ContinuousClock.now - start
        offset.update { $0 = .milliseconds(59_900) - elapsed }
        let before = ContinuousClock.now
        try await limiter.run {}
        #expect(ContinuousClock.now - before >= .milliseconds(90))
    }

    @Test("a waiter that is cancelled leaves the line at once")
    func cancelledWaiterLeaves() async throws {
        let limiter = RequestLimiter(concurrency: 1)
        let holder = Task { try await limiter.run { try await Task.sleep(for: .seconds(30)) } }
        while limiter.inFlight == 0 { try await Task.sleep(for: .milliseconds(5)) }
        let waiter = Task { try await limiter.run {} }
        try await Task.sleep(for: .milliseconds(50))
        let cancelled = ContinuousClock.now
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(ContinuousClock.now - cancelled < .seconds(1))
        holder.cancel()
        _ = try? await holder.value
        #expect(limiter.inFlight == 0)
    }
}
