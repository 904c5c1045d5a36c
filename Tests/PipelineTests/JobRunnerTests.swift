import Foundation
import JobDocuments
import JobQueue
import Logging
import ProviderFakes
import ProjectModel
import Providers
import Testing
@testable import Pipeline

@Suite("JobRunner: one job through its steps, reported to its queue")
struct JobRunnerTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    private func runner(_ catalog: ProviderCatalog = ProviderFakes.catalog(), settings: PipelineSettings = PipelineSettings()) -> JobRunner {
        var settings = settings
        settings.minFreeDiskMB = 0
        return JobRunner(providers: catalog, settings: settings, logger: logger)
    }

    @Test("every step runs in order and leaves its declared outputs; status.providers names what ran")
    func runsEveryStep() async throws {
        let (queue, root) = try await queue(with: quickProject)
        defer { try? FileManager.default.removeItem(at: root) }
        let lease = try #require(await queue.start("job"))
        let final = await runner().run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(final.state == .done, "\(final.error?.message ?? "")")
        #expect(final.steps.map(\.name) == PipelineStep.allCases && final.steps.allSatisfy { $0.state == .done && !$0.cached })
        #expect(final.providers == ["plan": "template", "voice": "dry-run", "align": "proportional", "images": "dry-run",
                                    "music": "dry-run", "render": "dry-run", "finalize": "template"])
        let plan = try JobDocument.read(Plan.self, from: lease.files.plan)
        for step in PipelineStep.allCases {
            #expect(step.outputs(in: lease.files, sceneIndices: plan.scenes.map(\.index)).isComplete(in: lease.files), "\(step)")
        }
        #expect(final.artifacts.video == "video.mp4" && final.artifacts.export == "export.json")
        let export = try JobDocument.read(ExportDocument.self, from: lease.files.export)
        #expect(export.dryRun == true)
        // Every step change was recorded, in order, while it ran.
        let steps = await queue.history(of: "job").compactMap(\.step)
        #expect(steps.first == .plan && steps.last == .finalize)
    }

    @Test("word timings that come with the speech are used (align: speech); without them they are estimated")
    func alignFollowsTheSpeech() async throws {
        var catalog = ProviderFakes.catalog()
        catalog.speech = TimedSpeech()
        let (queue, root) = try await queue(with: quickProject)
        defer { try? FileManager.default.removeItem(at: root) }
        let lease = try #require(await queue.start("job"))
        let final = await runner(catalog).run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(final.providers["voice"] == "timed-voice" && final.providers["align"] == "speech")
        let timings = try JobDocument.read(WordTimings.self, from: lease.files.timings)
        #expect(timings.source == "timed-voice" && timings.words.count > 20)
    }

    @Test("a job run again reuses every finished step and records them as cached")
    func resumesAtTheFirstUnfinishedStep() async throws {
        var settings = PipelineSettings()
        settings.failStep = .render
        let (queue, root) = try await queue(with: quickProject)
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try #require(await queue.start("job"))
        let failed = await runner(settings: settings).run(first, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(failed.state == .failed && failed.error?.step == "render")
        #expect(failed.error?.message == "failure injected at render (APP_DRY_RUN_FAIL_STEP)")
        _ = try await queue.retry(id: "job", from: nil)
        let second = try #require(await queue.start("job"))
        let done = await runner().run(second, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(done.state == .done)
        #expect(done.steps.filter(\.cached).map(\.name) == [.plan, .voice, .align, .images, .captions, .music])
        #expect(done.providers["plan"] == "template", "a reused step keeps the provider that made it")
    }

    /// A job started and running until its images step, where it stays.
    private func stuckJob() async throws -> (MemoryJobQueue, URL, StuckImages, Task<JobStatus, Never>) {
        let stuck = StuckImages()
        let (queue, root) = try await queue(with: quickProject)
        let lease = try #require(await queue.start("job"))
        let run = Task { [self] in
            await runner(ProviderFakes.catalog(stuckAt: stuck)).run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        }
        await stuck.reached.wait()
        return (queue, root, stuck, run)
    }

    @Test("a cancel request stops the running step's provider call and ends the job canceled")
    func cancelStopsTheProvider() async throws {
        let (queue, root, stuck, run) = try await stuckJob()
        defer { try? FileManager.default.removeItem(at: root) }
        guard case .requested = try await queue.cancel(id: "job") else { Issue.record("not running"); return }
        let final = await run.value
        await stuck.stopped.wait()
        #expect(final.state == .canceled && final.error?.step == "images")
    }

    @Test("cancelling the runner's task (a drain) puts the job back to wait, its finished steps kept")
    func drainRequeues() async throws {
        let (queue, root, _, run) = try await stuckJob()
        defer { try? FileManager.default.removeItem(at: root) }
        run.cancel()
        let final = await run.value
        #expect(final.state == .queued && final.attempt == 2 && final.steps.map(\.name) == [.plan, .voice, .align])
        #expect(await queue.waitingJobs().map(\.id) == ["job"])
    }

    @Test("a project that no longer parses fails the job with the field named, not the daemon")
    func badProjectFails() async throws {
        let (queue, root) = try await queue(with: #"{"topic": "t", "colour": "red"}"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let lease = try #require(await queue.start("job"))
        let final = await runner().run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(final.state == .failed && final.error?.message.contains("colour: unknown field") == true && final.error?.retryable == false)
    }
}

@Suite("Failure messages")
struct FailureDescriptionTests {
    @Test("a full disk reads the same whichever layer noticed it; a timeout names its setting")
    func fullDiskAndTimeouts() {
        let errors: [any Error] = [
            FileSystemErrorFixture.noSpace, CocoaError(.fileWriteOutOfSpace), POSIXError(.ENOSPC),
            StepFailure("write failed: No space left on device"),
        ]
        for error in errors {
            #expect(FailureDescription.describe(error, settings: PipelineSettings()).message.hasPrefix("no space left on device"), "\(error)")
        }
        var settings = PipelineSettings()
        settings.ffmpegTimeout = .milliseconds(1500)
        let timeout = StepTimeout(step: .render, limit: .milliseconds(3500), setting: settings.ffmpegTimeoutSetting)
        #expect(FailureDescription.describe(timeout, settings: settings).message.contains("FFMPEG_TIMEOUT_MS=1500"))
        #expect(FailureDescription.describe(ProviderError("quota", retryable: false), settings: settings) == ("quota", false))
        // Any error that knows whether a retry could help is taken at its word (a service's 401, a cost cap).
        let cap = CostCapExceeded(service: "OpenAI speech", estimatedUsd: 0.002, spentUsd: 0.009, capUsd: 0.01, setting: "maxCostUsd")
        #expect(FailureDescription.describe(cap, settings: settings) == (cap.description, false))
    }
}

@Suite("Asset lookup")
struct AssetResolverTests {
    @Test("files are found in the roots; a path out of them, even by a symbolic link, is refused")
    func findsFilesAndRefusesEscapes() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "assets-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appending(path: "img"), withIntermediateDirectories: true)
        try Data([1]).write(to: root.appending(path: "img/a.png"))
        try FileManager.default.createSymbolicLink(at: root.appending(path: "img/escape.png"), withDestinationURL: URL(filePath: "/etc/hostname"))
        let resolver = AssetResolver(roots: [root])
        #expect(try resolver.resolve("img/a.png", field: "scenes[0].image").lastPathComponent == "a.png")
        #expect(throws: ProjectFileError.self) { try resolver.resolve("img/missing.png", field: "scenes[0].image") }
        do {
            _ = try resolver.resolve("img/escape.png", field: "scenes[1].image")
            Issue.record("a symlink out of the asset root was followed")
        } catch let error as ProjectFileError {
            #expect(error.field == "scenes[1].image" && error.reason.contains("outside"))
        } catch {
            Issue.record("\(error)")
        }
    }
}

@Suite("Joining the scenes' speech")
struct JoinSpeechTests {
    @Test("WAV clips are joined sample for sample with the pause between them, offsets where each starts")
    func wavClipsJoinExactly() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "join-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var clips: [SpeechClip] = []
        for (index, count) in [22_050, 11_025].enumerated() {
            let url = folder.appending(path: "scene_\(index).wav")
            try WAVFile.write([Int16](repeating: 1000, count: count), sampleRate: 22_050, to: url)
            clips.append(SpeechClip(file: url, seconds: Double(count) / 22_050, words: nil, voice: "v"))
        }
        let joined = try await FFmpegMediaEngine(timeout: .seconds(30)).joinSpeech(clips, pause: 0.5, to: folder.appending(path: "voice.wav"))
        let audio = try WAVFile.read(from: folder.appending(path: "voice.wav"))
        #expect(audio.samples.count == 22_050 + 11_025 + 11_025 && audio.sampleRate == 22_050)
        #expect(joined.offsets == [0, 1.5] && joined.totalSeconds == 2)
        #expect(audio.samples[22_050..<33_075].allSatisfy { $0 == 0 } && audio.samples.last == 1000)
    }
}

import FileSafety
import Media

enum FileSystemErrorFixture {
    static let noSpace = FileSystemError("cannot write status.json", ENOSPC)
}
