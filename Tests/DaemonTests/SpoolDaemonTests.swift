import Daemon
import Foundation
import JobDocuments
import JobQueue
import ProviderFakes
import Spool
import Testing

/// The daemon's services together, in this process, on a test clock and with no sleeps: each test waits
/// for the daemon's own events.
@Suite("The daemon in process", .serialized, .timeLimit(.minutes(2)))
struct SpoolDaemonTests {
    @Test("one slot: waiting jobs start highest priority first, then oldest first")
    func claimOrderByPriority() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        try harness.enqueue("low", priority: 0)
        try harness.enqueue("high", priority: 5)
        try harness.enqueue("middle", priority: 1)
        try harness.enqueue("low-later", priority: 0)
        let daemon = harness.daemon(slots: 1)
        let run = Task { try await daemon.run() }
        for id in ["low", "high", "middle", "low-later"] { #expect(await daemon.events.finished(id) == .done, "\(id)") }
        #expect(daemon.events.startOrder == ["high", "middle", "low", "low-later"])
        await daemon.stop()
        _ = try await run.value
    }

    @Test("paused: files are still claimed, no job starts; after resume the hold's recheck on the clock starts it")
    func pauseHoldsJobs() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        harness.conditions.paused = true
        let daemon = harness.daemon()
        let run = Task { try await daemon.run() }
        try harness.drop("held.json", #"{"topic": "held", "targetSeconds": 20}"#)
        let held = await daemon.events.first { if case .held(let reason) = $0 { reason.contains("paused") } else { false } }
        #expect(held != nil, "\(daemon.events.history)")
        #expect(harness.state(of: "held") == .queued && daemon.events.startOrder.isEmpty)
        harness.conditions.paused = false
        harness.clock.advance(by: .seconds(1))
        #expect(await daemon.events.finished("held") == .done, "\(daemon.events.history)")
        #expect(daemon.events.history.contains(.released))
        await daemon.stop()
        _ = try await run.value
    }

    @Test("too little free disk: jobs wait in queued/ until the space is back")
    func diskLowHold() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        harness.conditions.freeMB = 120
        try harness.enqueue("big")
        let daemon = harness.daemon()
        let run = Task { try await daemon.run() }
        let held = await daemon.events.first { if case .held(let reason) = $0 { reason.contains("only 120 MB free") } else { false } }
        #expect(held != nil, "\(daemon.events.history)")
        #expect(harness.state(of: "big") == .queued)
        harness.conditions.freeMB = 10_000
        harness.clock.advance(by: .seconds(1))
        #expect(await daemon.events.finished("big") == .done)
        await daemon.stop()
        _ = try await run.value
    }

    @Test("drain: the running job's provider is stopped and the job goes back to queued/, attempt + 1, finished steps kept")
    func drainRequeuesRunningJobs() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        let stuck = StuckImages()
        try harness.enqueue("long")
        let daemon = harness.daemon(catalog: ProviderFakes.catalog(stuckAt: stuck))
        let run = Task { try await daemon.run() }
        await stuck.reached.wait()
        #expect(harness.state(of: "long") == .running)
        await daemon.stop()
        _ = try await run.value
        await stuck.stopped.wait()
        #expect(harness.state(of: "long") == .queued)
        let status = try #require(harness.status(of: "long"))
        #expect(status.state == .queued && status.attempt == 2 && status.steps.map(\.name) == [.plan, .voice, .align])
        #expect(daemon.events.history.contains(.finished("long", .queued)))
    }

    @Test("recovery after a crash: a job left in running/ goes back with the crash recorded, then runs to done")
    func recoveryAfterACrash() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        try harness.enqueue("crashed")
        let lease = try #require(try await harness.queue.start("crashed"))
        var status = lease.status
        status.step = .voice
        status.setRecord(.init(name: .voice, state: .running))
        try await harness.queue.update(lease, status: status)
        let daemon = harness.daemon(previousCrash: SIGSEGV)
        let run = Task { try await daemon.run() }
        #expect(await daemon.events.first { $0 == .recovered(["crashed"]) } != nil, "\(daemon.events.history)")
        #expect(await daemon.events.finished("crashed") == .done)
        let done = try #require(harness.status(of: "crashed"))
        #expect(done.attempt == 2 && done.attempts?.map(\.outcome) == [.crashed])
        #expect(done.attempts?.first?.message == "the daemon crashed (SIGSEGV) during voice")
        await daemon.stop()
        _ = try await run.value
    }

    @Test("a folder moved from failed/ back into the inbox is claimed and run again, reusing its finished steps")
    func returnedFolderRunsAgain() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        try harness.enqueue("again")
        let lease = try #require(try await harness.queue.start("again"))
        var status = lease.status
        status.setRecord(.init(name: .plan, state: .done))
        let plan = lease.files.plan
        try Data("{}".utf8).write(to: plan)
        _ = try await harness.queue.finish(lease, status: status, as: .failed(.init(step: "voice", message: "boom", retryable: true)))
        let daemon = harness.daemon()
        let run = Task { try await daemon.run() }
        _ = await daemon.events.first { $0 == .inboxIdle }
        try FileManager.default.moveItem(at: harness.layout.jobFolder(id: "again", in: .failed), to: harness.layout.inboxEntry("again"))
        harness.hints.movedIn("again", folder: harness.layout.inbox)
        #expect(await daemon.events.finished("again") == .failed, "the hand-edited plan.json is reused, and fails the next step")
        let final = try #require(harness.status(of: "again"))
        #expect(final.attempt == 2 && final.steps.first { $0.name == .plan }?.cached == true, "\(final.steps)")
        await daemon.stop()
        _ = try await run.value
    }

    @Test("a file written in place is judged once it has been still for the settle window, on the clock")
    func settleWindowOnTheClock() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        // No hint: the start-up scan sees it, and it must wait its 2 s.
        try Data(#"{"topic": "in place", "targetSeconds": 20}"#.utf8).write(to: harness.layout.inboxEntry("inplace.json"))
        let daemon = harness.daemon()
        let run = Task { try await daemon.run() }
        #expect(await daemon.events.first { $0 == .recovered([]) } != nil)
        // The intake has scanned and armed its settle deadline before the clock moves.
        while harness.clock.sleeperCount < 2 { await Task.yield() }
        #expect(harness.state(of: "inplace") == nil, "not claimed before the window ends")
        harness.clock.advance(by: .seconds(2))
        #expect(await daemon.events.finished("inplace") == .done)
        await daemon.stop()
        _ = try await run.value
    }

    @Test("run --once: everything dropped is claimed and run, then the daemon stops by itself with a summary")
    func onceDrainsAndStops() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        try harness.drop("a.json", #"{"topic": "a", "targetSeconds": 20}"#)
        try harness.drop("bad.json", #"{"topic": "b", "colour": "red"}"#)
        try harness.drop("batch.jsonl", #"{"topic": "c"}"# + "\n" + #"{"topic": "d"}"# + "\n")
        let daemon = harness.daemon(once: true)
        let run = Task { try await daemon.run() }
        let claimed = await daemon.events.first(within: 10) { if case .claimed = $0 { true } else { false } }
        try #require(claimed != nil, "\(daemon.events.history)")
        // A file that does not parse is only judged bad once it has been still for the settle window.
        #expect(harness.state(of: "bad") == nil)
        harness.clock.advance(by: .seconds(2))
        let summary = try await run.value
        #expect(Set(summary.done) == ["a", "batch-0001", "batch-0002"] && summary.failed == ["bad"] && summary.waiting.isEmpty)
        #expect(harness.layout.jobIDs(in: .failed) == ["bad"])
    }

    @Test("run --once on a paused spool reports the waiting jobs and why, instead of waiting for ever")
    func onceReportsWaiting() async throws {
        let harness = try DaemonHarness()
        defer { harness.remove() }
        harness.conditions.paused = true
        try harness.enqueue("held")
        let summary = try await harness.daemon(once: true).run()
        #expect(summary.waiting == ["held"] && summary.waitingReason?.contains("paused") == true)
    }
}
