import FileSafety
import Foundation
import JobDocuments
import JobQueue
import Logging
import Providers
import ProjectModel

/// Runs one started job to its end: each step whose outputs are not already complete, with the
/// providers of its catalog, reporting every change to the job's ``JobRecorder`` — which alone writes
/// the status and moves the job.
///
/// Once a step really runs, every later step runs too: their outputs were made from older inputs.
/// Stopping from outside:
/// - a cancel (`tiktok-ai cancel`, a `CANCEL` file; seen within a quarter of a second) stops the step,
///   ffmpeg and provider calls included, and ends the job canceled;
/// - cancelling the task that runs the job (the daemon draining on SIGTERM) stops the step the same
///   way and, by ``Interruption/requeue``, puts the job back to resume later.
public struct JobRunner: Sendable {
    public let providers: ProviderCatalog
    public let settings: PipelineSettings
    public let logger: Logger
    public let steps: [any JobStep]
    /// The daemon's daily budget (`DAILY_BUDGET_USD`); nil: none.
    public let budget: DailyBudget?
    /// Shared by every job of the daemon; nil: a job never waits for one (`render`).
    public let renderSlots: RenderSlots?

    /// What a cancelled task means for the job.
    public enum Interruption: Sendable {
        /// Back to the queue, to resume at its first unfinished step (a daemon stopping).
        case requeue
        /// Canceled (`render` in the foreground, stopped by Ctrl-C).
        case cancel
    }

    /// The eight steps, in order.
    public static let standardSteps: [any JobStep] = [
        PlanStep(), VoiceStep(), AlignStep(), ImagesStep(), CaptionsStep(), MusicStep(), RenderStep(), FinalizeStep(),
    ]

    public init(providers: ProviderCatalog, settings: PipelineSettings, logger: Logger,
                steps: [any JobStep] = JobRunner.standardSteps, budget: DailyBudget? = nil, renderSlots: RenderSlots? = nil) {
        self.budget = budget
        self.renderSlots = renderSlots
        self.providers = providers
        self.settings = settings
        self.logger = logger
        self.steps = steps
    }

    private enum Watch: Sendable {
        case stepsEnded(Result<Void, any Error>)
        case cancelRequested
        case watcherStopped
    }

    /// Runs `lease` to its end and returns its final status: `done`, `failed` or `canceled`, or
    /// `queued` when it went back to the queue (a drain, too little disk).
    public func run(_ lease: LeasedJob, recorder: any JobRecorder, assets: AssetResolver,
                    interruption: Interruption = .requeue) async -> JobStatus {
        let job = RunningJob(lease: lease, recorder: recorder, logger: logger)
        job.logger.info("started, attempt \(lease.status.attempt)")
        let files = lease.files
        let project: ProjectFile
        let providers: ProviderCatalog
        do {
            project = try ProjectFileParser.parse(Data(contentsOf: files.project))
            providers = try self.providers.forJob(project)
        } catch {
            return await end(job, .failed(.init(step: nil, message: "\(error)", retryable: false)))
        }
        // Canceled while it waited in the queue (`cancel` raced the daemon): no step runs.
        if await recorder.isCancelRequested(lease) { return await end(job, .canceled(step: nil)) }
        let estimate = providers.estimatedUsd(for: project)
        if let reason = budget?.admit(lease.id, estimatedUsd: estimate) { return await waitForBudget(job, reason: reason) }
        defer { budget?.release(lease.id) }
        let spentBefore = await job.status.cost.steps
        try? await job.update(write: false) {
            $0.cost.estimatedUsd = (estimate * 1_000_000).rounded() / 1_000_000
            $0.waiting = nil
        }
        let spending = JobSpending(jobID: lease.id, capUsd: project.maxCostUsd ?? settings.maxJobCostUsd,
                                   capSetting: project.maxCostUsd != nil ? "maxCostUsd" : "MAX_JOB_COST_USD",
                                   budget: budget, spent: spentBefore)

        let context = StepContext(files: files, project: project, providers: providers, settings: settings,
                                  assets: assets, job: job)
        var result: Result<Void, any Error> = .success(())
        var cancelSeen = false
        await withTaskGroup(of: Watch.self) { group in
            group.addTask { [self] in
                do {
                    try await JobSpending.$current.withValue(spending) { try await runSteps(context) }
                    return .stepsEnded(.success(()))
                } catch {
                    return .stepsEnded(.failure(error))
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    if await recorder.isCancelRequested(lease) { return .cancelRequested }
                    try? await Task.sleep(for: .milliseconds(250))
                }
                return .watcherStopped
            }
            while let next = await group.next() {
                switch next {
                case .stepsEnded(let ended):
                    result = ended
                    group.cancelAll()
                case .cancelRequested:
                    cancelSeen = true
                    group.cancelAll()
                case .watcherStopped:
                    break
                }
            }
        }

        guard case .failure(let error) = result else { return await end(job, .done) }
        let step = await job.status.step?.rawValue
        let cancelRequested = await recorder.isCancelRequested(lease)
        if cancelSeen || cancelRequested { return await end(job, .canceled(step: step)) }
        if Task.isCancelled {
            switch interruption {
            case .requeue: return await requeue(job, reason: "the daemon is stopping")
            case .cancel: return await end(job, .canceled(step: step))
            }
        }
        if let shortage = error as? DiskSpaceShortage, interruption == .requeue {
            return await requeue(job, reason: shortage.description)
        }
        let (message, retryable) = FailureDescription.describe(error, settings: settings)
        return await end(job, .failed(.init(step: step, message: message, retryable: retryable)))
    }

    private func runSteps(_ context: StepContext) async throws {
        var holdingSlot = false
        defer { if holdingSlot { renderSlots?.semaphore.release() } }
        try await runSteps(context, holdingSlot: &holdingSlot)
    }

    /// Takes a render slot before a step that works on this machine, and gives it back before one
    /// that waits on the network (``RenderSlots``).
    private func takeSlot(for step: PipelineStep, _ context: StepContext, holding: inout Bool) async throws {
        guard let renderSlots else { return }
        let needed = RenderSlots.needed(by: step, context)
        if needed, !holding {
            try await renderSlots.semaphore.acquire()
            holding = true
        } else if !needed, holding {
            renderSlots.semaphore.release()
            holding = false
        }
    }

    private func runSteps(_ context: StepContext, holdingSlot: inout Bool) async throws {
        var mustRun = false
        let job = context.job
        for worker in steps {
            try Task.checkCancellation()
            let step = worker.step
            let previous = await job.status.record(for: step)
            let sceneIndices = (try? context.plan())?.scenes.map(\.index)
            if !mustRun, previous?.state == .done, step.outputs(in: context.files, sceneIndices: sceneIndices).isComplete(in: context.files) {
                // Written with the next step that runs, or the job's end.
                try await job.update(write: false) {
                    $0.setRecord(.init(name: step, state: .done, startedAt: previous?.startedAt, finishedAt: previous?.finishedAt,
                                       seconds: previous?.seconds, cached: true))
                }
                await job.progress(step: step, fraction: 1)
                continue
            }
            mustRun = true
            if settings.stepDelay > .zero { try await Task.sleep(for: settings.stepDelay) }
            if step == .render { try checkFreeSpace(context.files.folder) }
            try await takeSlot(for: step, context, holding: &holdingSlot)
            let started = Date()
            JobSpending.current?.begin(step: step.rawValue)
            try await job.update {
                $0.step = step
                $0.setRecord(.init(name: step, state: .running, startedAt: started))
            }
            do {
                if settings.failStep == step { throw StepFailure("failure injected at \(step.rawValue) (APP_DRY_RUN_FAIL_STEP)") }
                try await withStepTimeLimit(step, limit: settings.ffmpegTimeout + settings.stepTimeoutGrace,
                                            setting: settings.ffmpegTimeoutSetting) {
                    try await worker.run(context)
                }
            } catch {
                StepMetrics.ran(step, seconds: Date().timeIntervalSince(started), error is CancellationError || Task.isCancelled ? .stopped : .failed)
                _ = await job.takeStepProviders()
                try? await job.update {
                    $0.setRecord(.init(name: step, state: .failed, startedAt: started, finishedAt: Date(),
                                       seconds: Date().timeIntervalSince(started)))
                    Self.recordSpending(&$0)
                }
                throw error
            }
            let finished = Date()
            StepMetrics.ran(step, seconds: finished.timeIntervalSince(started), .done)
            let used = await job.takeStepProviders()
            let files = context.files
            // Written with the next step's start (or the job's end), unless a delay would leave it unsaid.
            try await job.update(write: settings.stepDelay > .zero) {
                $0.setRecord(.init(name: step, state: .done, startedAt: started, finishedAt: finished,
                                   seconds: (finished.timeIntervalSince(started) * 1000).rounded() / 1000))
                $0.progress = PipelineStep.allCases.filter { $0 <= step }.map(\.progressWeight).reduce(0, +)
                if !used.isEmpty { $0.providers[step.rawValue] = used.joined(separator: ", ") }
                $0.fillArtifacts(from: files)
                Self.recordSpending(&$0)
            }
            if step == .plan && context.project.stopAfter == .plan {
                await context.note("stopped after planning, as the project asked (stopAfter: plan)")
                return
            }
        }
    }

    /// The job's spending so far, in its status (rounded to a millionth of a dollar).
    private static func recordSpending(_ status: inout JobStatus) {
        guard let spending = JobSpending.current else { return }
        let round = { (usd: Double) in (usd * 1_000_000).rounded() / 1_000_000 }
        status.cost.steps = spending.byStep.mapValues(round)
        status.cost.actualUsd = round(spending.totalUsd)
    }

    /// Back to `queued/` without counting an attempt, with why in `status.waiting`: the daemon
    /// starts it again when the budget changes (``DailyBudget``).
    private func waitForBudget(_ job: RunningJob, reason: String) async -> JobStatus {
        try? await job.update(write: false) { $0.waiting = reason }
        return await requeue(job, reason: "waiting for \(reason)")
    }

    /// No render starts with less free space than `MIN_FREE_DISK_MB` (a full disk mid-encode wastes the work).
    private func checkFreeSpace(_ folder: URL) throws {
        guard settings.minFreeDiskMB > 0, let free = DiskSpace.freeMegabytes(at: folder), free < settings.minFreeDiskMB else { return }
        throw DiskSpaceShortage(freeMB: free, minimumMB: settings.minFreeDiskMB)
    }

    private func end(_ job: RunningJob, _ outcome: JobOutcome) async -> JobStatus {
        // One line for the end in the daemon's log; a failure at error level (LOG_DIR's error.log).
        switch outcome {
        case .done: job.logger.info("done")
        case .failed(let error): job.logger.error("failed\(error.step.map { " at \($0)" } ?? ""): \(error.message)")
        case .canceled(let step): job.logger.notice("canceled\(step.map { " during \($0)" } ?? "")")
        }
        let status = await job.status
        do {
            return try await job.recorder.finish(job.lease, status: status, as: outcome)
        } catch {
            logger.error("cannot record the end of the job: \(error)", metadata: ["job": "\(status.id)"])
            return JobTransitions.finished(status, as: outcome, at: Date())
        }
    }

    private func requeue(_ job: RunningJob, reason: String) async -> JobStatus {
        job.logger.info("back to queued/: \(reason)")
        let status = await job.status
        do {
            return try await job.recorder.requeue(job.lease, status: status, reason: reason)
        } catch {
            logger.error("cannot put the job back in the queue: \(error)", metadata: ["job": "\(status.id)"])
            return status
        }
    }
}
