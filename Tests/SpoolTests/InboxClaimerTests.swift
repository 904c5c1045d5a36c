import Foundation
import ProjectModel
import Testing
@testable import Spool

@Suite("Claiming inbox files")
struct InboxClaimerTests {
    let layout: SpoolLayout

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "spool-\(UUID().uuidString.prefix(8))"))
        try layout.create()
    }

    private func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: layout.inbox.appending(path: name))
    }

    @Test func goodFileBecomesQueuedJobWithStatus() throws {
        try drop("octopus.json", #"{"topic": "Octopus hearts", "priority": 3}"#)
        let claimer = InboxClaimer(layout: layout)
        let verdict = InboxClaimer.judge(fileAt: layout.inbox.appending(path: "octopus.json"))
        let job = try claimer.claimProject(named: "octopus.json", verdict: verdict)
        #expect(job.id == "octopus")
        #expect(job.status.priority == 3)
        #expect(!FileManager.default.fileExists(atPath: layout.inbox.appending(path: "octopus.json").path))
        let status = try StatusFile.read(in: layout.jobFolder(id: "octopus", state: .queued))
        #expect(status.state == .queued && status.source == "octopus.json")
    }

    @Test func sameNameTwiceGetsASuffix() throws {
        let claimer = InboxClaimer(layout: layout)
        for _ in 0..<2 {
            try drop("same.json", #"{"topic": "t"}"#)
            _ = try claimer.claimProject(named: "same.json", verdict: InboxClaimer.judge(fileAt: layout.inbox.appending(path: "same.json")))
        }
        #expect(layout.jobIDs(inFolder: "queued") == ["same", "same-2"])
    }

    @Test func indexedIDsAreNotReused() throws {
        let claimer = InboxClaimer(layout: layout, isIndexed: { $0 == "purged" })
        try drop("purged.json", #"{"topic": "t"}"#)
        let job = try claimer.claimProject(named: "purged.json", verdict: .good(ProjectFile(topic: "t")))
        #expect(job.id == "purged-2")
    }

    @Test func badFileGoesToFailedWithTheOriginal() throws {
        try drop("typo.json", #"{"tpoic": "t"}"#)
        let claimer = InboxClaimer(layout: layout)
        let verdict = InboxClaimer.judge(fileAt: layout.inbox.appending(path: "typo.json"))
        let job = try claimer.claimProject(named: "typo.json", verdict: verdict)
        #expect(job.status.state == .failed)
        #expect(job.status.error?.message.contains("tpoic") == true)
        let kept = try String(contentsOf: layout.jobFolder(id: "typo", state: .failed).appending(path: "project.json"), encoding: .utf8)
        #expect(kept == #"{"tpoic": "t"}"#)
    }

    @Test func batchLinesBecomeJobsAndBadLinesNameTheirLine() throws {
        try drop("night.jsonl", """
        {"topic": "one"}

        {"topic": "two", "niche": "nope"}
        {"topic": "three"}
        """)
        let jobs = try InboxClaimer(layout: layout).claimBatch(named: "night.jsonl")
        #expect(jobs.map(\.id) == ["night-0001", "night-0003", "night-0004"])
        #expect(jobs[1].status.state == .failed)
        #expect(jobs[1].status.error?.message.hasPrefix("line 3: niche:") == true)
        #expect(layout.jobIDs(inFolder: "queued") == ["night-0001", "night-0004"])
        #expect(layout.jobIDs(inFolder: "failed") == ["night-0003"])
    }

    @Test func interruptedClaimIsFinishedAtStart() throws {
        let staging = layout.queued.appending(path: ".claim-halfway")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data(#"{"topic": "t"}"#.utf8).write(to: staging.appending(path: "project.json"))
        let recovered = try InboxClaimer(layout: layout).recoverStaging()
        #expect(recovered.map(\.id) == ["halfway"])
        #expect(layout.jobIDs(inFolder: "queued") == ["halfway"])
    }

    @Test func symlinksAreRefused() throws {
        let target = layout.root.appending(path: "real.json")
        try Data(#"{"topic": "t"}"#.utf8).write(to: target)
        try FileManager.default.createSymbolicLink(at: layout.inbox.appending(path: "link.json"), withDestinationURL: target)
        guard case .bad(let message) = InboxClaimer.judge(fileAt: layout.inbox.appending(path: "link.json")) else {
            Issue.record("a symlink was accepted")
            return
        }
        #expect(message.contains("symbolic links"))
    }
}

@Suite("Deciding when an inbox file is complete (SPEC rule 2)")
struct InboxTrackerTests {
    @Test func renamedFileIsReadyAtOnceAndAGrowingFileWaits() throws {
        let inbox = FileManager.default.temporaryDirectory.appending(path: "inbox-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
        var tracker = InboxTracker(settleWindow: 2)
        let start = Date()
        try Data("{}".utf8).write(to: inbox.appending(path: "moved.json"))
        tracker.observe("moved.json", change: .movedIn, at: start, in: inbox)
        try Data("{\"to".utf8).write(to: inbox.appending(path: "growing.json"))
        tracker.observe("growing.json", change: .modified, at: start, in: inbox)
        let first = tracker.review(at: start.addingTimeInterval(0.1), in: inbox)
        #expect(first.map(\.name) == ["moved.json"])
        #expect(first.first?.readiness == .tryParse)
        // Still for the whole window: judged for good.
        let later = tracker.review(at: start.addingTimeInterval(2.5), in: inbox)
        #expect(later.contains { $0.name == "growing.json" && $0.readiness == .final })
    }
}
