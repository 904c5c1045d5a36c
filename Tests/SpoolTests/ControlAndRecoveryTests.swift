import Foundation
import JobDocuments
import JobQueue
import Testing
@testable import Spool

@Suite("The folder queue's transitions: start, finish, requeue, cancel, retry, returned folders, recovery")
struct ControlAndRecoveryTests {
    /// A job in `state`'s folder with a project and a status, recorded in the index.
    private func job(_ id: String, in spool: SpoolFixture, state: JobState, steps: [PipelineStep] = [],
                     history: [(JobStatus.AttemptRecord.Outcome, String)] = []) throws -> URL {
        let folder = spool.layout.jobFolder(id: id, state: state)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"topic": "t"}"#.utf8).write(to: JobFiles(folder: folder).project)
        var status = JobStatus(id: id, source: "\(id).json", state: state)
        for step in steps { status.setRecord(.init(name: step, state: .done)) }
        for (outcome, step) in history { JobTransitions.recordAttempt(&status, outcome, step: step, message: "boom at \(step)", at: Date()) }
        if state == .failed { status.error = .init(step: history.last?.1, message: "boom", retryable: true) }
        try StatusFile.write(status, in: folder)
        try spool.index.record(status, folder: SpoolLayout.StateFolder(state).rawValue)
        return folder
    }

    @Test("start and finish: the index learns each destination; the folder ends in done/ with its artifacts listed")
    func startAndFinish() async throws {
        let spool = try SpoolFixture(servesSpool: true)
        defer { spool.remove() }
        _ = try job("j", in: spool, state: .queued)
        #expect(try await spool.queue.waitingJobs().map(\.id) == ["j"])
        let lease = try #require(try await spool.queue.start("j"))
        #expect(lease.folder == spool.layout.jobFolder(id: "j", in: .running))
        #expect(try spool.indexedFolder("j") == "running")
        #expect(try await spool.queue.start("j") == nil, "a job starts once")
        try Data("video".utf8).write(to: lease.files.video)
        let final = try await spool.queue.finish(lease, status: lease.status, as: .done)
        #expect(final.state == .done && final.artifacts.video == "video.mp4")
        #expect(spool.layout.locate(jobID: "j")?.state == .done)
        #expect(try spool.indexedFolder("j") == "done")
        let log = try String(contentsOf: JobFiles(folder: spool.layout.jobFolder(id: "j", in: .done)).log, encoding: .utf8)
        #expect(log.hasSuffix(" done done\n"), "\(log)")
    }

    @Test("requeue: back to queued/ with attempt + 1, its finished steps kept")
    func requeue() async throws {
        let spool = try SpoolFixture(servesSpool: true)
        defer { spool.remove() }
        _ = try job("j", in: spool, state: .queued, steps: [.plan])
        let lease = try #require(try await spool.queue.start("j"))
        let queued = try await spool.queue.requeue(lease, status: lease.status, reason: "the daemon is stopping")
        #expect(queued.state == .queued && queued.attempt == 2 && queued.steps.map(\.name) == [.plan])
        #expect(spool.layout.locate(jobID: "j")?.state == .queued)
        #expect(try spool.indexedFolder("j") == "queued")
    }

    @Test("cancel: a queued job goes to failed/ as canceled at once; a running one gets CANCEL; a finished one is left")
    func cancel() async throws {
        let spool = try SpoolFixture(servesSpool: true)
        defer { spool.remove() }
        _ = try job("waiting", in: spool, state: .queued)
        guard case .canceled(let canceled) = try await spool.queue.cancel(id: "waiting") else { Issue.record("not canceled"); return }
        #expect(canceled.state == .canceled && spool.layout.locate(jobID: "waiting")?.state == .failed)
        #expect(try spool.indexedFolder("waiting") == "failed")
        #expect(!FileManager.default.fileExists(atPath: JobFiles(folder: spool.layout.jobFolder(id: "waiting", in: .failed)).cancelRequest.path))
        let busy = try job("busy", in: spool, state: .running)
        guard case .requested = try await spool.queue.cancel(id: "busy") else { Issue.record("not requested"); return }
        #expect(FileManager.default.fileExists(atPath: JobFiles(folder: busy).cancelRequest.path))
        guard case .alreadyFinished = try await spool.queue.cancel(id: "waiting") else { Issue.record("canceled twice"); return }
        await #expect(throws: JobQueueError.notFound("nope")) { try await spool.queue.cancel(id: "nope") }
    }

    @Test("cancel of a job left in running/ with no daemon moves it to failed/")
    func cancelOrphan() async throws {
        let spool = try SpoolFixture(servesSpool: false)
        defer { spool.remove() }
        _ = try job("orphan", in: spool, state: .running)
        guard case .canceled(let status) = try await spool.queue.cancel(id: "orphan") else { Issue.record("not canceled"); return }
        #expect(status.state == .canceled && spool.layout.locate(jobID: "orphan")?.state == .failed)
    }

    @Test("retry --from deletes that step's and every later step's outputs, and forgets their records")
    func retryFromAStep() async throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        let folder = try job("redo", in: spool, state: .failed, steps: PipelineStep.allCases)
        let files = JobFiles(folder: folder)
        try FileManager.default.createDirectory(at: files.imagesFolder, withIntermediateDirectories: true)
        for url in [files.plan, files.timings, files.sceneImage(0), files.captions, files.video, files.thumbnail, files.export] {
            try Data("x".utf8).write(to: url)
        }
        let retried = try await spool.queue.retry(id: "redo", from: .captions)
        #expect(retried.steps.map(\.name) == [.plan, .voice, .align, .images])
        #expect(retried.artifacts.video == nil && retried.artifacts.plan == "plan.json")
        let queued = JobFiles(folder: spool.layout.jobFolder(id: "redo", in: .queued))
        #expect(queued.exists(queued.plan) && queued.exists(queued.timings) && queued.exists(queued.sceneImage(0)))
        #expect(!queued.exists(queued.captions) && !queued.exists(queued.video) && !queued.exists(queued.export))
        #expect(try spool.indexedFolder("redo") == "queued")
        await #expect(throws: JobQueueError.notRetryable(id: "redo", state: .queued)) { try await spool.queue.retry(id: "redo", from: nil) }
    }

    @Test("a folder moved back into the inbox is queued again under its id, attempt + 1, its CANCEL file gone")
    func returnedFolder() throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        let failed = try job("again", in: spool, state: .failed, history: [(.failed, "render")])
        try Data("cancel\n".utf8).write(to: failed.appending(path: "CANCEL"))
        try FileManager.default.moveItem(at: failed, to: spool.layout.inboxEntry("again"))
        #expect(spool.queue.isReturnedFolder(named: "again"))
        try FileManager.default.createDirectory(at: spool.layout.inboxEntry("images"), withIntermediateDirectories: true)
        #expect(!spool.queue.isReturnedFolder(named: "images"), "other folders are assets")
        let status = try spool.queue.claimReturnedFolder(named: "again")
        #expect(status.id == "again" && status.state == .queued && status.attempt == 2, "an id known only to the index is the same job")
        let folder = spool.layout.jobFolder(id: "again", in: .queued)
        #expect(try StatusFile.read(in: folder).state == .queued)
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "CANCEL").path))
        #expect(try spool.indexedFolder("again") == "queued")
    }

    @Test("a copy moved back beside the original gets a new id")
    func copyBackGetsNewID() throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        let failed = try job("twin", in: spool, state: .failed)
        try FileManager.default.copyItem(at: failed, to: spool.layout.inboxEntry("twin"))
        let status = try spool.queue.claimReturnedFolder(named: "twin")
        #expect(status.id == "twin-2")
        #expect(try StatusFile.read(in: spool.layout.jobFolder(id: "twin-2", in: .queued)).id == "twin-2")
    }

    @Test("returned after three equal failures, it goes back to failed/ saying why")
    func returnedPoisonPill() throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        let failed = try job("stubborn", in: spool, state: .failed, history: [(.failed, "voice"), (.failed, "voice"), (.failed, "voice")])
        try FileManager.default.moveItem(at: failed, to: spool.layout.inboxEntry("stubborn"))
        let status = try spool.queue.claimReturnedFolder(named: "stubborn")
        #expect(status.state == .failed)
        #expect(status.error?.message.hasPrefix("not retried automatically: the last 3 attempts ended the same way at voice") == true)
        #expect(FileManager.default.fileExists(atPath: spool.layout.jobFolder(id: "stubborn", in: .failed).path))
    }

    @Test("recovery: a job left in running/ is queued again with the interruption recorded; a half-built claim is published")
    func recovery() async throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        _ = try job("left", in: spool, state: .running, steps: [.plan])
        let staging = spool.layout.stagingFolder(id: "halfway", in: .queued)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data(#"{"topic": "t"}"#.utf8).write(to: staging.appending(path: "project.json"))
        let empty = spool.layout.stagingFolder(id: "empty", in: .queued)
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)

        let recovered = try await spool.queue.recoverAbandoned(RecoveryContext())
        #expect(Set(recovered.map(\.status.id)) == ["left", "halfway"])
        let left = try StatusFile.read(in: spool.layout.jobFolder(id: "left", in: .queued))
        #expect(left.attempt == 2 && left.attempts?.last?.outcome == .interrupted && left.steps.map(\.name) == [.plan])
        #expect(spool.layout.jobIDs(in: .queued) == ["halfway", "left"])
        #expect(spool.leftovers.isEmpty, "the empty staging folder is removed")
        #expect(try spool.indexedFolder("halfway") == "queued")
        #expect(try spool.indexedFolder("left") == "queued")
    }

    @Test("the purge sweep marks only jobs whose folders are gone, once")
    func purgeSweep() throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        for id in ["here", "gone"] { _ = try job(id, in: spool, state: .done) }
        try FileManager.default.removeItem(at: spool.layout.jobFolder(id: "gone", in: .done))
        let sweeper = PurgeSweeper(layout: spool.layout, index: spool.index)
        #expect(try sweeper.sweep().marked == ["gone"])
        let again = try sweeper.sweep()
        #expect(again.marked.isEmpty && again.alreadyPurged == ["gone"])
        #expect(try spool.index.job(id: "gone")?.purged == true)
        #expect(try spool.index.job(id: "here")?.purged == false)
    }

    @Test("the crash marker is read once")
    func crashMarkerRoundTrip() throws {
        let spool = try SpoolFixture()
        defer { spool.remove() }
        #expect(CrashMarker.consume(in: spool.layout) == nil)
        var signal = SIGABRT
        try Data(bytes: &signal, count: 4).write(to: CrashMarker.url(in: spool.layout))
        #expect(CrashMarker.consume(in: spool.layout) == SIGABRT)
        #expect(CrashMarker.consume(in: spool.layout) == nil)
        #expect(CrashMarker.name(of: SIGSEGV) == "SIGSEGV")
    }
}
