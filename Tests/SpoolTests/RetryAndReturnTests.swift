import Foundation
import ProjectModel
import Testing
@testable import Spool

/// Retry bookkeeping, folders moved back into the inbox, and bulk claims.
@Suite("retries, returned folders, bulk claims")
struct RetryAndReturnTests {
    let layout: SpoolLayout

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "spool-\(UUID().uuidString.prefix(8))"))
        try layout.create()
    }

    private func failedJob(_ id: String, history: [(JobStatus.AttemptRecord.Outcome, String)]) throws -> URL {
        let folder = layout.jobFolder(id: id, state: .failed)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"topic": "t"}"#.utf8).write(to: folder.appending(path: "project.json"))
        var status = JobStatus(id: id, source: "\(id).json")
        for (outcome, step) in history {
            status.recordAttempt(outcome, step: step, message: "boom at \(step)")
            status.attempt += 1
        }
        status.attempt -= history.isEmpty ? 0 : 1
        status.state = .failed
        status.error = .init(step: history.last?.1, message: "boom", retryable: true)
        status.setRecord(.init(name: .plan, state: .done))
        try StatusFile.write(status, in: folder)
        return folder
    }

    @Test func threeEqualFailuresStopAutomaticRetries() throws {
        let policy = RetryPolicy(limit: 3)
        var status = JobStatus(id: "x", source: "x.json")
        status.recordAttempt(.failed, step: "render", message: "boom")
        status.recordAttempt(.failed, step: "render", message: "boom")
        #expect(policy.repeatedFailure(in: status) == nil)
        // A kill from outside neither counts nor breaks the run.
        status.recordAttempt(.interrupted, step: "render", message: "the daemon stopped")
        #expect(policy.repeatedFailure(in: status) == nil)
        status.recordAttempt(.crashed, step: "render", message: "segfault")
        #expect(policy.repeatedFailure(in: status) == nil, "a different message is a different way to fail")
        status.recordAttempt(.failed, step: "render", message: "boom")
        status.recordAttempt(.failed, step: "render", message: "boom")
        #expect(policy.repeatedFailure(in: status) == nil, "the crash broke the run: two in a row so far")
        status.recordAttempt(.failed, step: "render", message: "boom")
        #expect(policy.repeatedFailure(in: status)?.step == "render")
        #expect(RetryPolicy(limit: 0).repeatedFailure(in: status) == nil, "0 never stops")
        for _ in 0..<20 { status.recordAttempt(.failed, step: "plan", message: "again") }
        #expect(status.attempts?.count == RetryPolicy.historyLength)
    }

    @Test func prepareRetryClearsTheErrorAndKeepsFinishedSteps() {
        var status = JobStatus(id: "x", source: "x.json")
        status.state = .failed
        status.error = .init(step: "render", message: "boom", retryable: true)
        status.finishedAt = Date()
        status.setRecord(.init(name: .plan, state: .done))
        status.setRecord(.init(name: .voice, state: .done))
        status.setRecord(.init(name: .align, state: .failed))
        status.prepareRetry()
        #expect(status.state == .queued && status.attempt == 2 && status.error == nil && status.finishedAt == nil)
        #expect(status.progress == PipelineStep.plan.progressWeight + PipelineStep.voice.progressWeight)
        #expect(status.steps.count == 3)
    }

    @Test func folderMovedBackIsQueuedAgainUnderItsID() throws {
        let failed = try failedJob("again", history: [(.failed, "render")])
        try Data("cancel\n".utf8).write(to: failed.appending(path: "CANCEL"))
        try FileManager.default.moveItem(at: failed, to: layout.inbox.appending(path: "again"))
        let claimer = InboxClaimer(layout: layout, isIndexed: { $0 == "again" })
        #expect(claimer.isReturnedFolder(named: "again"))
        #expect(!claimer.isReturnedFolder(named: "images"), "other folders are assets")

        let job = try claimer.claimReturnedFolder(named: "again", policy: RetryPolicy())
        #expect(job.id == "again", "an id known only to the index is the same job")
        #expect(job.status.state == .queued && job.status.attempt == 2)
        let folder = layout.jobFolder(id: "again", state: .queued)
        #expect(try StatusFile.read(in: folder).state == .queued)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "CANCEL").path))
        #expect(!FileManager.default.fileExists(atPath: layout.inbox.appending(path: "again").path))
    }

    @Test func copyBackBesideTheOriginalGetsANewID() throws {
        let failed = try failedJob("twin", history: [])
        try FileManager.default.copyItem(at: failed, to: layout.inbox.appending(path: "twin"))
        let job = try InboxClaimer(layout: layout).claimReturnedFolder(named: "twin", policy: RetryPolicy())
        #expect(job.id == "twin-2")
        #expect(try StatusFile.read(in: layout.jobFolder(id: "twin-2", state: .queued)).id == "twin-2")
    }

    @Test func returnedAfterThreeEqualFailuresGoesBackToFailedSayingWhy() throws {
        let failed = try failedJob("stubborn", history: [(.failed, "voice"), (.failed, "voice"), (.failed, "voice")])
        try FileManager.default.moveItem(at: failed, to: layout.inbox.appending(path: "stubborn"))
        let job = try InboxClaimer(layout: layout).claimReturnedFolder(named: "stubborn", policy: RetryPolicy())
        #expect(job.status.state == .failed)
        #expect(job.status.error?.message.hasPrefix("not retried automatically: the last 3 attempts ended the same way at voice") == true)
        #expect(FileManager.default.fileExists(atPath: layout.jobFolder(id: "stubborn", state: .failed).path))
    }

    @Test func burstOfFilesIsClaimedTogether() throws {
        var files: [(name: String, verdict: InboxClaimer.Verdict)] = []
        for index in 0..<50 {
            let name = "burst-\(index).json"
            try Data(#"{"topic": "t", "priority": \#(index % 3)}"#.utf8).write(to: layout.inbox.appending(path: name))
            files.append((name, InboxClaimer.judge(fileAt: layout.inbox.appending(path: name))))
        }
        try Data("{".utf8).write(to: layout.inbox.appending(path: "broken.json"))
        files.append(("broken.json", InboxClaimer.judge(fileAt: layout.inbox.appending(path: "broken.json"))))
        let (jobs, errors) = InboxClaimer(layout: layout).claimProjects(files)
        #expect(errors.isEmpty)
        #expect(jobs.count == 51)
        #expect(layout.jobIDs(inFolder: "queued").count == 50)
        #expect(layout.jobIDs(inFolder: "failed") == ["broken"])
        #expect(try StatusFile.read(in: layout.jobFolder(id: "burst-7", state: .queued)).priority == 1)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)
        #expect(leftovers.isEmpty)
        let staging = try FileManager.default.contentsOfDirectory(atPath: layout.queued.path).filter { $0.hasPrefix(".") }
        #expect(staging.isEmpty)
    }

    @Test func splitInterruptedWithStagedLinesRecoversEachLineOnce() throws {
        // A daemon killed mid-split: line 1 published, line 2 staged (its status lost to a power cut),
        // line 3 not reached yet.
        let lines = (1...3).map { #"{"topic": "line \#($0)"}"# }
        let split = layout.queued.appending(path: ".split-batch-123")
        try FileManager.default.createDirectory(at: split, withIntermediateDirectories: true)
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: split.appending(path: "batch.jsonl"))
        try Data("batch.jsonl".utf8).write(to: split.appending(path: "source-name"))
        let published = layout.jobFolder(id: "batch-0001", state: .queued)
        try FileManager.default.createDirectory(at: published, withIntermediateDirectories: true)
        try Data(lines[0].utf8).write(to: published.appending(path: "project.json"))
        try StatusFile.write(JobStatus(id: "batch-0001", source: "batch.jsonl line 1"), in: published)
        // A failed/ staging folder sorts after queued/'s split: it must still be published first.
        let staged = layout.failed.appending(path: ".claim-batch-0002")
        try FileManager.default.createDirectory(at: staged, withIntermediateDirectories: true)
        try Data(lines[1].utf8).write(to: staged.appending(path: "project.json"))

        let recovered = try InboxClaimer(layout: layout).recoverStaging()
        #expect(Set(recovered.map(\.id)) == ["batch-0002", "batch-0003"])
        let all = (layout.jobIDs(inFolder: "queued") + layout.jobIDs(inFolder: "failed")).sorted()
        #expect(all == ["batch-0001", "batch-0002", "batch-0003"], "each line exactly once")
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.queued.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test func crashMarkerRoundTrip() throws {
        #expect(CrashMarker.consume(in: layout) == nil)
        var signal = SIGABRT
        try Data(bytes: &signal, count: 4).write(to: CrashMarker.url(in: layout))
        #expect(CrashMarker.consume(in: layout) == SIGABRT)
        #expect(CrashMarker.consume(in: layout) == nil, "read once")
        #expect(CrashMarker.name(of: SIGSEGV) == "SIGSEGV")
    }
}
