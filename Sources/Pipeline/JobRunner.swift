import FileSafety
import Foundation
import JobIndex
import Logging
import ProjectModel
import Spool

/// Runs one job from `queued/` to `done/` or `failed/`: moves its folder to `running/`, runs each
/// step that is not already complete, and records every change in `status.json` and the index.
///
/// Once a step really runs, every later step runs too: their outputs were made from older inputs.
/// A `CANCEL` file in the job folder cancels the running step (and kills its ffmpeg) within half a second.
public struct JobRunner: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase?
    public let configuration: PipelineConfiguration
    public let logger: Logger

    static let workers: [any JobStepWorker] = [
        PlanStep(), VoiceStep(), AlignStep(), ImagesStep(), CaptionsStep(), MusicStep(), RenderStep(), FinalizeStep(),
    ]

    public init(layout: SpoolLayout, index: JobIndexDatabase?, configuration: PipelineConfiguration, logger: Logger) {
        self.layout = layout
        self.index = index
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs the queued job `id` to its end and returns the state it ended in.
    @discardableResult
    public func run(jobID id: String) async -> JobState {
        let queuedFolder = layout.jobFolder(id: id, state: .queued)
        let runningFolder = layout.jobFolder(id: id, state: .running)
        do {
            try AtomicFile.move(queuedFolder, to: runningFolder)
        } catch {
            logger.error("cannot start job: \(error)", metadata: ["job": "\(id)"])
            return .failed
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
            try await recorder.update {
                $0.state = .running
                $0.startedAt = $0.startedAt ?? Date()
                $0.finishedAt = nil
                $0.error = nil
                $0.providers = ["plan": "template", "voice": "espeak-ng", "images": "painter", "music": "generated", "render": "ffmpeg"]
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
        let context = StepContext(files: files, project: project, configuration: configuration, assets: assets, recorder: recorder)
        let work = Task { try await runSteps(context) }
        let outcome = await withTaskGroup(of: Bool.self) { group -> Result<Void, any Error> in
            // Watches for a CANCEL file while the steps run.
            group.addTask {
                while !Task.isCancelled {
                    if files.exists(files.cancelRequest) {
                        work.cancel()
                        return true
                    }
                    try? await Task.sleep(for: .milliseconds(250))
                }
                return false
            }
            let result = await work.result
            group.cancelAll()
            return result
        }
        switch outcome {
        case .success:
            return await finish(recorder: recorder, folder: folder, state: .done, error: nil, move: moveWhenDone)
        case .failure(let error):
            let step = await recorder.status.step
            if error is CancellationError || files.exists(files.cancelRequest) {
                return await finish(recorder: recorder, folder: folder, state: .canceled,
                                    error: .init(step: step?.rawValue, message: "canceled", retryable: true), move: moveWhenDone)
            }
            let (message, retryable) = Self.describe(error)
            return await finish(recorder: recorder, folder: folder, state: .failed,
                                error: .init(step: step?.rawValue, message: message, retryable: retryable), move: moveWhenDone)
        }
    }

    private func runSteps(_ context: StepContext) async throws {
        var mustRun = false
        let stopAfterPlan = context.project.stopAfter == .plan
        for worker in Self.workers {
            try Task.checkCancellation()
            let step = worker.step
            let previous = await context.recorder.status.record(for: step)
            if !mustRun, previous?.state == .done, worker.isComplete(context) {
                try await context.recorder.update {
                    $0.setRecord(.init(name: step, state: .done, startedAt: previous?.startedAt, finishedAt: previous?.finishedAt,
                                       seconds: previous?.seconds, cached: true))
                }
                try await context.recorder.progress(step: step, fraction: 1)
                continue
            }
            mustRun = true
            let started = Date()
            try await context.recorder.update {
                $0.step = step
                $0.setRecord(.init(name: step, state: .running, startedAt: started))
            }
            do {
                if configuration.failStep == step.rawValue { throw StepFailure("failure injected at \(step.rawValue) (APP_DRY_RUN_FAIL_STEP)") }
                try await worker.run(context)
            } catch {
                try? await context.recorder.update {
                    $0.setRecord(.init(name: step, state: .failed, startedAt: started, finishedAt: Date(),
                                       seconds: Date().timeIntervalSince(started)))
                }
                throw error
            }
            let finished = Date()
            try await context.recorder.update {
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

    private func finish(recorder: JobRecorder, folder: URL, state: JobState, error: JobStatus.JobError?, move: Bool) async -> JobState {
        let files = JobFiles(folder: folder)
        do {
            try await recorder.update {
                $0.state = state
                $0.error = error
                $0.finishedAt = Date()
                if state == .done { $0.progress = 100 }
                Self.fillArtifacts(&$0, files: files)
            }
            if let error { await recorder.note("\(state.rawValue)\(error.step.map { " at \($0)" } ?? ""): \(error.message)", kind: "error") } else {
                await recorder.note("done", kind: "done")
            }
            if move {
                let destination = layout.jobFolder(id: await recorder.status.id, state: state)
                try AtomicFile.move(folder, to: destination)
                await recorder.moved(to: destination)
                try await recorder.update { _ in }
            }
        } catch {
            logger.error("cannot finish job: \(error)")
        }
        return state
    }

    static func fillArtifacts(_ status: inout JobStatus, files: JobFiles) {
        func present(_ url: URL) -> String? { files.exists(url) ? files.relative(url) : nil }
        status.artifacts.video = present(files.video)
        status.artifacts.thumbnail = present(files.thumbnail)
        status.artifacts.captions = present(files.captions)
        status.artifacts.plan = present(files.plan)
        status.artifacts.export = present(files.export)
    }

    /// A message a user can act on, and whether retrying unchanged could help.
    static func describe(_ error: any Error) -> (String, Bool) {
        switch error {
        case let failure as StepFailure: return (failure.message, failure.retryable)
        case let failure as ProjectFileError: return (failure.description, false)
        case let failure as FileSystemError: return (failure.isNoSpace ? "no space left on device: \(failure)" : failure.description, true)
        case let failure as SpoolError: return (failure.isNoSpace ? "no space left on device: \(failure)" : failure.description, true)
        default:
            let text = String(describing: error)
            if text.localizedCaseInsensitiveContains("no space left") { return ("no space left on device: \(text)", true) }
            return (text, true)
        }
    }
}
