import Foundation
import JobDocuments
import JobQueue
import Testing

@Suite("MemoryJobQueue: the seam's in-memory implementation")
struct MemoryJobQueueTests {
    let root = FileManager.default.temporaryDirectory.appending(path: "memory-queue-\(UUID().uuidString.prefix(8))")

    @Test("waiting jobs come out highest priority first, then oldest; a started job no longer waits")
    func ordersAndLeases() async throws {
        let clock = Clock()
        let queue = MemoryJobQueue(root: root, now: { clock.next() })
        defer { try? FileManager.default.removeItem(at: root) }
        try await queue.submit(id: "low", project: Data("{}".utf8), priority: 0)
        try await queue.submit(id: "high", project: Data("{}".utf8), priority: 5)
        try await queue.submit(id: "low-later", project: Data("{}".utf8), priority: 0)
        #expect(await queue.waitingJobs().map(\.id) == ["high", "low", "low-later"])
        let lease = try #require(await queue.start("high"))
        #expect(lease.status.state == .running)
        #expect(await queue.start("high") == nil, "a job starts once")
        #expect(await queue.waitingJobs().map(\.id) == ["low", "low-later"])
        let done = await queue.finish(lease, status: lease.status, as: .done)
        #expect(done.state == .done && done.progress == 100)
    }

    @Test("cancel: a waiting job at once, a running one by request; retry only after a failure")
    func cancelAndRetry() async throws {
        let queue = MemoryJobQueue(root: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try await queue.submit(id: "a", project: Data("{}".utf8))
        try await queue.submit(id: "b", project: Data("{}".utf8))
        guard case .canceled(let canceled) = try await queue.cancel(id: "a") else { Issue.record("a was waiting"); return }
        #expect(canceled.state == .canceled)
        let lease = try #require(await queue.start("b"))
        guard case .requested = try await queue.cancel(id: "b") else { Issue.record("b was running"); return }
        #expect(await queue.isCancelRequested(lease))
        await #expect(throws: JobQueueError.notRetryable(id: "b", state: .running)) { try await queue.retry(id: "b", from: nil) }
        #expect(try await queue.retry(id: "a", from: nil).state == .queued)
        await #expect(throws: JobQueueError.notFound("zz")) { try await queue.cancel(id: "zz") }
    }

    @Test("recovery puts back what was running when it was called, with the attempt recorded")
    func recovery() async throws {
        let queue = MemoryJobQueue(root: root)
        defer { try? FileManager.default.removeItem(at: root) }
        try await queue.submit(id: "a", project: Data("{}".utf8))
        _ = try #require(await queue.start("a"))
        let recovered = await queue.recoverAbandoned(RecoveryContext())
        #expect(recovered.map(\.status.id) == ["a"])
        let status = await queue.status(of: "a")
        #expect(status?.state == .queued && status?.attempt == 2)
    }

    /// Distinct, increasing times, so creation order is visible.
    final class Clock: Sendable {
        private let tick = Mutex(0.0)
        func next() -> Date { tick.withLock { $0 += 1; return Date(timeIntervalSince1970: 1_800_000_000 + $0) } }
    }
}

import Synchronization
