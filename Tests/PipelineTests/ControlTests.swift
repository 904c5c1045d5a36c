import FileSafety
import Foundation
import JobIndex
import ProjectModel
import Spool
import Testing
@testable import Pipeline

/// Cancel, retry, cleanup ages, purge sweeps and failure messages, without a daemon.
@Suite("job control")
struct ControlTests {
    let layout: SpoolLayout

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "control-\(UUID().uuidString.prefix(8))"))
        try layout.create()
    }

    private func job(_ id: String, in state: JobState, finished: Date? = nil) throws -> URL {
        let folder = layout.jobFolder(id: id, state: state)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(#"{"topic": "t"}"#.utf8).write(to: folder.appending(path: "project.json"))
        var status = JobStatus(id: id, source: "\(id).json", state: state)
        status.finishedAt = finished
        try StatusFile.write(status, in: folder)
        return folder
    }

    @Test func ages() {
        #expect(SpoolCleanup.parseAge("30d") == TimeInterval(30 * 86_400))
        #expect(SpoolCleanup.parseAge("12h") == TimeInterval(12 * 3600))
        #expect(SpoolCleanup.parseAge("90m") == TimeInterval(90 * 60))
        #expect(SpoolCleanup.parseAge("1.5w") == 1.5 * 604_800)
        for bad in ["30", "d", "-1d", "30 days", "3x", ""] { #expect(SpoolCleanup.parseAge(bad) == nil, "\(bad)") }
    }

    @Test func stepNames() throws {
        #expect(try JobControl.step(named: "Render") == .render)
        #expect(throws: JobControlError.unknownStep("encode")) { try JobControl.step(named: "encode") }
        #expect(JobControlError.unknownStep("encode").description.contains("plan, voice, align, images, captions, music, render, finalize"))
    }

    @Test func cancelOfAJobLeftInRunningWithoutADaemonMovesItToFailed() throws {
        _ = try job("orphan", in: .running)
        let outcome = try JobControl(layout: layout, index: nil).cancel(id: "orphan", daemonRunning: false)
        guard case .canceled(let status) = outcome else { Issue.record("\(outcome)"); return }
        #expect(status.state == .canceled)
        #expect(layout.locate(jobID: "orphan")?.stateFolder == "failed")
    }

    @Test func cancelOfARunningJobWritesTheControlFile() throws {
        let folder = try job("busy", in: .running)
        let outcome = try JobControl(layout: layout, index: nil).cancel(id: "busy", daemonRunning: true)
        guard case .requested = outcome else { Issue.record("\(outcome)"); return }
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "CANCEL").path))
    }

    @Test func retryFromDeletesThatStepsAndLaterOutputs() throws {
        let folder = try job("redo", in: .failed)
        let files = JobFiles(folder: folder)
        for url in [files.plan, files.timings, files.captions, files.video, files.thumbnail, files.export] {
            try Data("x".utf8).write(to: url)
        }
        var status = try StatusFile.read(in: folder)
        for step in PipelineStep.allCases { status.setRecord(.init(name: step, state: .done)) }
        status.error = .init(step: "finalize", message: "boom", retryable: true)
        try StatusFile.write(status, in: folder)

        let retried = try JobControl(layout: layout, index: nil).retry(id: "redo", from: .captions)
        #expect(retried.steps.map(\.name) == [.plan, .voice, .align, .images])
        #expect(retried.artifacts.video == nil && retried.artifacts.plan == "plan.json")
        let queued = JobFiles(folder: layout.jobFolder(id: "redo", state: .queued))
        #expect(queued.exists(queued.plan) && queued.exists(queued.timings))
        #expect(!queued.exists(queued.captions) && !queued.exists(queued.video) && !queued.exists(queued.export))
        #expect(throws: JobControlError.notRetryable(id: "redo", state: .queued)) { try JobControl(layout: layout, index: nil).retry(id: "redo") }
    }

    @Test func cleanupPicksOldFinishedJobsOnly() throws {
        let old = Date(timeIntervalSinceNow: -40 * 86_400)
        _ = try job("old", in: .done, finished: old)
        _ = try job("new", in: .done, finished: Date())
        _ = try job("old-canceled", in: .canceled, finished: old)
        _ = try job("queued", in: .queued, finished: old)
        let cleanup = SpoolCleanup(layout: layout, index: nil)
        #expect(cleanup.candidates(olderThan: 30 * 86_400, states: [.done, .failed]).map(\.id).sorted() == ["old", "old-canceled"])
        #expect(cleanup.candidates(olderThan: 30 * 86_400, states: [.canceled]).map(\.id) == ["old-canceled"])
        for candidate in cleanup.candidates(olderThan: 30 * 86_400, states: [.done]) { try cleanup.remove(candidate) }
        #expect(layout.locate(jobID: "old") == nil && layout.locate(jobID: "new") != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.done.path) == ["new"], "no hidden leftovers")
    }

    @Test func purgeSweepMarksOnlyMissingFolders() throws {
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        for id in ["here", "gone"] {
            _ = try job(id, in: .done)
            try index.record(try StatusFile.read(in: layout.jobFolder(id: id, state: .done)), folder: "done")
        }
        try FileManager.default.removeItem(at: layout.jobFolder(id: "gone", state: .done))
        let sweeper = PurgeSweeper(layout: layout, index: index)
        #expect(try sweeper.sweep().marked == ["gone"])
        let again = try sweeper.sweep()
        #expect(again.marked.isEmpty && again.alreadyPurged == ["gone"], "already purged")
        #expect(try index.job(id: "gone")?.purged == true)
        #expect(try index.job(id: "here")?.purged == false)
    }

    @Test func fullDiskMessagesStartTheSameWay() {
        let runner = JobRunner(layout: layout, index: nil, configuration: PipelineConfiguration(), logger: .init(label: "test"))
        let errors: [any Error] = [
            FileSystemErrorFixture.noSpace,
            CocoaError(.fileWriteOutOfSpace),
            POSIXError(.ENOSPC),
            StepFailure("write failed: No space left on device"),
        ]
        for error in errors {
            #expect(runner.describe(error).0.hasPrefix("no space left on device"), "\(error)")
        }
        var configuration = PipelineConfiguration()
        configuration.ffmpegTimeout = .milliseconds(1500)
        let timed = JobRunner(layout: layout, index: nil, configuration: configuration, logger: .init(label: "test"))
        #expect(timed.describe(StepTimedOut(step: .render, limit: .milliseconds(3500), setting: configuration.ffmpegTimeoutSetting)).0
            .contains("FFMPEG_TIMEOUT_MS=1500"))
    }
}

enum FileSystemErrorFixture {
    static let noSpace = FileSystemError("cannot write status.json", ENOSPC)
}
