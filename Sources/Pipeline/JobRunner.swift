import FileSafety
import Foundation
import JobIndex
import Logging
import Media
import ProjectModel
import Spool

/// Runs one job from `queued/` to `done/` or `failed/`: moves its folder to `running/`, runs each
/// step that is not already complete, and records every change in `status.json` and the index.
///
/// Once a step really runs, every later step runs too: their outputs were made from older inputs.
/// A `CANCEL` file in the job folder cancels the running step (and kills its ffmpeg) within half a
/// second; a drain (SIGTERM) does the same but puts the job back in `queued/` to resume later.
public struct JobRunner: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase?
    public let configuration: PipelineConfiguration
    public let logger: Logger
    public let control: RunControl

    static let workers: [any JobStepWorker] = [
        PlanStep(), VoiceStep(), AlignStep(), ImagesStep(), CaptionsStep(), MusicStep(), RenderStep(), FinalizeStep(),
    ]

    public init(layout: SpoolLayout, index: JobIndexDatabase?, configuration: PipelineConfiguration, logger: Logger,
                control: RunControl = RunControl()) {
        self.layout = layout
        self.index = index
        self.configuration = configuration
        self.logger = logger
        self.control = control
    }

    /// Why the steps were stopped from outside.
    private enum Interruption: Sendable {
        case cancelFile
        case drain
    }

    /// Runs the queued job `id` to its end and returns the state it ended in: `queued` when it went back
    /// to the queue (drain, not enough disk), nil when its folder was no longer in `queued/`.
    public func run(jobID id: String) async -> JobState? {
        let queuedFolder = layout.jobFolder(id: id, state: .queued)
        let runningFolder = layout.jobFolder(id: id, state: .running)
        do {
            try AtomicFile.move(queuedFolder, to: runningFolder)
        } catch {
            // Canceled or removed by the CLI a moment ago: nothing to run.
            logger.info("not started: \(error)", metadata: ["job": "\(id)"])
            return nil
        }
        let status: JobStatus
        do {
            status = try StatusFile.read(in: runningFolder)
        } catch {
            // A folder without a readable status is still a job: start it a fresh status.
            status = JobStatus(id: id, source: "unknown")
        }
        let recorder = JobRecorder(status: status, folder: runningFolder, index: index, logger: logger)
        // The project's files are looked up beside the file as dropped (the inbox), then in the asset roots.
        let assets = AssetResolver(roots: [layout.inbox] + configuration.assetRoots)
        return await execute(recorder: recorder, folder: runningFolder, assets: assets)
    }

    /// Runs the steps for a job whose folder is already in place (the spool's `running/`, or `render`'s
    /// work folder), then moves it to its final state folder when a spool is in use.
    public func execute(recorder: JobRecorder, folder: URL, assets: AssetResolver, moveWhenDone: Bool = true) async -> JobState {
        let files = JobFiles(folder: folder)
        do {
            // Written with the first step's start, a moment later (unless a step delay would hold it back).
            try await recorder.update(write: configuration.stepDelay > .zero) {
                $0.state = .running
                $0.startedAt = $0.startedAt ?? Date()
                $0.finishedAt = nil
                $0.error = nil
                $0.providers = configuration.renderDryRun
                    ? ["plan": "template", "voice": "dry-run", "images": "dry-run", "music": "dry-run", "render": "dry-run"]
                    : ["plan": "template", "voice": "espeak-ng", "images": "painter", "music": "generated", "render": "ffmpeg"]
            }
        } catch {
            logger.error("cannot write status: \(error)")
        }
        let project: ProjectFile
        do {
            project = try ProjectFileParser.parse(Data(contentsOf: files.project))
        } catch {
            return await finish(recorder: recorder, folder: folder, state: .failed, error: .init(step: nil, message: "\(error)", retryable: false), move: moveWhenDone)
        }
        // Canceled while it waited in the queue (`cancel` raced the daemon): no step runs.
        if files.exists(files.cancelRequest) {
            return await finish(recorder: recorder, folder: folder, state: .canceled,
                                error: .init(step: nil, message: "canceled", retryable: true), move: moveWhenDone)
        }
        let context = StepContext(files: files, project: project, configuration: configuration, assets: assets, recorder: recorder)
        let work = Task { try await runSteps(context) }
        let control = self.control
        let interruption = await withTaskGroup(of: Interruption?.self) { group -> Interruption? in
            // Watches for a CANCEL file or a drain while the steps run.
            group.addTask {
                while !Task.isCancelled {
                    if files.exists(files.cancelRequest) {
                        work.cancel()
                        return .cancelFile
                    }
                    if control.isDraining {
                        work.cancel()
                        return .drain
                    }
                    try? await Task.sleep(for: .milliseconds(250))
                }
                return nil
            }
            _ = await work.result
            group.cancelAll()
            return await group.next() ?? nil
        }
        switch await work.result {
        case .success:
            return await finish(recorder: recorder, folder: folder, state: .done, error: nil, move: moveWhenDone)
        case .failure(let error):
            let step = await recorder.status.step
            if interruption == .cancelFile || files.exists(files.cancelRequest) || (interruption == .drain && !moveWhenDone) {
                return await finish(recorder: recorder, folder: folder, state: .canceled,
                                    error: .init(step: step?.rawValue, message: "canceled", retryable: true), move: moveWhenDone)
            }
            if interruption == .drain {
                return await requeue(recorder: recorder, folder: folder, reason: "the daemon is stopping")
            }
            if let shortage = error as? DiskSpaceShortage, moveWhenDone {
                return await requeue(recorder: recorder, folder: folder, reason: shortage.description)
            }
            let (message, retryable) = describe(error)
            return await finish(recorder: recorder, folder: folder, state: .failed,
                                error: .init(step: step?.rawValue, message: message, retryable: retryable), move: moveWhenDone)
        }
    }

    /// The workers for this configuration: placeholders instead of media in a dry run.
    private var stepWorkers: [any JobStepWorker] { configuration.renderDryRun ? DryRunStep.workers : Self.workers }

    private func runSteps(_ context: StepContext) async throws {
        var mustRun = false
        let stopAfterPlan = context.project.stopAfter == .plan
        for worker in stepWorkers {
            try Task.checkCancellation()
            let step = worker.step
            let previous = await context.recorder.status.record(for: step)
            if !mustRun, previous?.state == .done, worker.isComplete(context) {
                // Written with the next step that runs, or the job's end.
                try await context.recorder.update(write: false) {
                    $0.setRecord(.init(name: step, state: .done, startedAt: previous?.startedAt, finishedAt: previous?.finishedAt,
                                       seconds: previous?.seconds, cached: true))
                }
                try await context.recorder.progress(step: step, fraction: 1)
                continue
            }
            mustRun = true
            if configuration.stepDelay > .zero { try await Task.sleep(for: configuration.stepDelay) }
            if step == .render { try checkFreeSpace(context.files.folder) }
            let started = Date()
            try await context.recorder.update {
                $0.step = step
                $0.setRecord(.init(name: step, state: .running, startedAt: started))
            }
            do {
                if configuration.failStep == step.rawValue { throw StepFailure("failure injected at \(step.rawValue) (APP_DRY_RUN_FAIL_STEP)") }
                try await StepTimedOut.run(step, limit: configuration.ffmpegTimeout + configuration.stepTimeoutGrace,
                                           setting: configuration.ffmpegTimeoutSetting) {
                    try await worker.run(context)
                }
            } catch {
                try? await context.recorder.update {
                    $0.setRecord(.init(name: step, state: .failed, startedAt: started, finishedAt: Date(),
                                       seconds: Date().timeIntervalSince(started)))
                }
                throw error
            }
            let finished = Date()
            // Written with the next step's start (or the job's end), unless a delay would leave it unsaid.
            try await context.recorder.update(write: configuration.stepDelay > .zero) {
                $0.setRecord(.init(name: step, state: .done, startedAt: started, finishedAt: finished,
                                   seconds: (finished.timeIntervalSince(started) * 1000).rounded() / 1000))
                $0.progress = PipelineStep.allCases.filter { $0 <= step }.map(\.progressWeight).reduce(0, +)
                Self.fillArtifacts(&$0, files: context.files)
            }
            if step == .plan && stopAfterPlan {
                await context.note("stopped after planning, as the project asked (stopAfter: plan)")
                return
            }
        }
    }

    /// No render starts with less free space than `MIN_FREE_DISK_MB` (a full disk mid-encode wastes the work).
    private func checkFreeSpace(_ folder: URL) throws {
        guard configuration.minFreeDiskMB > 0, let free = DiskSpace.freeMegabytes(at: folder), free < configuration.minFreeDiskMB else { return }
        throw DiskSpaceShortage(freeMB: free, minimumMB: configuration.minFreeDiskMB)
    }

    private func finish(recorder: JobRecorder, folder: URL, state: JobState, error: JobStatus.JobError?, move: Bool) async -> JobState {
        let files = JobFiles(folder: folder)
        let id = await recorder.status.id
        if let error { await recorder.note("\(state.rawValue)\(error.step.map { " at \($0)" } ?? ""): \(error.message)", kind: "error") } else {
            await recorder.note("done", kind: "done")
        }
        await settle(recorder: recorder, folder: folder, to: move ? layout.jobFolder(id: id, state: state) : nil) {
            $0.state = state
            $0.error = error
            $0.finishedAt = Date()
            if state == .done { $0.progress = 100 }
            if let error, state == .failed { $0.recordAttempt(.failed, step: error.step, message: error.message) }
            Self.fillArtifacts(&$0, files: files)
        }
        return state
    }

    /// Puts a running job back in `queued/` (drain, not enough disk): not a failure, so its steps keep
    /// their records and it resumes at the step it was in.
    private func requeue(recorder: JobRecorder, folder: URL, reason: String) async -> JobState {
        let id = await recorder.status.id
        await settle(recorder: recorder, folder: folder, to: layout.jobFolder(id: id, state: .queued)) {
            $0.steps.removeAll { $0.state == .running || $0.state == .failed }
            $0.prepareRetry()
        }
        await recorder.note("back to the queue: \(reason); attempt \(await recorder.status.attempt) resumes at the first unfinished step", kind: "requeued")
        return .queued
    }

    /// Writes a job's last status in its folder, tells the index where the folder is going, then moves
    /// it there: killed at any point, the daemon finds the folder and the index in agreement, or the
    /// folder still in `running/`, which start-up recovery handles.
    private func settle(recorder: JobRecorder, folder: URL, to destination: URL?, _ change: @Sendable (inout JobStatus) -> Void) async {
        let id = await recorder.status.id
        var written = true
        do {
            try await recorder.update(write: false, change)
            try await recorder.writeFile()
        } catch {
            // A full disk: the folder still moves; the status is written again after the move.
            written = false
            logger.error("cannot write status: \(error)", metadata: ["job": "\(id)"])
        }
        guard let destination else {
            await recorder.recordInIndex()
            return
        }
        await recorder.recordInIndex(stateFolder: destination.deletingLastPathComponent().lastPathComponent)
        do {
            try AtomicFile.move(folder, to: destination)
            await recorder.moved(to: destination)
        } catch {
            logger.error("cannot move the job folder: \(error)", metadata: ["job": "\(id)"])
            return
        }
        if !written {
            do { try await recorder.writeFile() } catch { logger.error("cannot write status: \(error)", metadata: ["job": "\(id)"]) }
        }
    }

    static func fillArtifacts(_ status: inout JobStatus, files: JobFiles) {
        func present(_ url: URL) -> String? { files.exists(url) ? files.relative(url) : nil }
        status.artifacts.video = present(files.video)
        status.artifacts.thumbnail = present(files.thumbnail)
        status.artifacts.captions = present(files.captions)
        status.artifacts.plan = present(files.plan)
        status.artifacts.export = present(files.export)
    }

    /// A message a user can act on, and whether retrying unchanged could help. A full disk always reads
    /// "no space left on device: …", whichever layer noticed it.
    func describe(_ error: any Error) -> (String, Bool) {
        if let detail = FailureText.noSpaceDetail(error) { return ("no space left on device: \(detail)", true) }
        switch error {
        case let failure as StepFailure: return (failure.message, failure.retryable)
        case let failure as ProjectFileError: return (failure.description, false)
        case let failure as MediaError:
            if case .timedOut = failure { return ("\(failure) (\(configuration.ffmpegTimeoutSetting))", true) }
            return (failure.description, true)
        case let failure as StepTimedOut: return (failure.description, true)
        case let failure as DiskSpaceShortage: return (failure.description, true)
        default: return (String(describing: error), true)
        }
    }
}

/// Not enough free space to start a render: the daemon puts the job back in the queue until there is.
struct DiskSpaceShortage: Error, CustomStringConvertible, Sendable {
    var freeMB: Int64
    var minimumMB: Int64

    var description: String {
        "not enough free disk space to render: \(freeMB) MB free on the spool's filesystem, MIN_FREE_DISK_MB is \(minimumMB)"
    }
}
