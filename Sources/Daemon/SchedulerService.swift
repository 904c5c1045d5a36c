import Foundation
import JobDocuments
import JobQueue
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization

/// Runs jobs as the ``Scheduler`` decides: feeds it the queue's listing, new claims, the ends of jobs
/// and the spool's conditions, and performs its actions — each started job runs in a task of its own
/// (``JobRunner``), at most `maxConcurrentJobs` at once.
///
/// It waits on events and on the scheduler's next deadline, never on a fixed poll. Graceful shutdown
/// (SIGTERM) is a drain: nothing more starts, running jobs are stopped at their current step and go
/// back to the queue, and the service returns once none runs — or, if the group's time limit passes
/// first, returns leaving them to be recovered from `running/` at the next start.
final class SchedulerService<C: Clock>: Service where C.Duration == Duration, C.Instant: Sendable {
    private let queue: any JobQueue
    private let runner: JobRunner
    private let assets: AssetResolver
    private let settings: DaemonSettings
    private let conditions: any SpoolConditions
    private let clock: C
    private let inputs: AsyncStream<SchedulerInput>
    private let post: AsyncStream<SchedulerInput>.Continuation
    private let startup: Latch
    private let events: DaemonEventLog
    private let logger: Logger
    private let result = Mutex<DaemonSummary?>(nil)

    init(queue: any JobQueue, runner: JobRunner, assets: AssetResolver, settings: DaemonSettings, conditions: any SpoolConditions,
         clock: C, inputs: AsyncStream<SchedulerInput>, post: AsyncStream<SchedulerInput>.Continuation, startup: Latch,
         events: DaemonEventLog, logger: Logger) {
        self.queue = queue
        self.runner = runner
        self.assets = assets
        self.settings = settings
        self.conditions = conditions
        self.clock = clock
        self.inputs = inputs
        self.post = post
        self.startup = startup
        self.events = events
        self.logger = logger
    }

    /// What the service had done when it returned (nil before).
    var summary: DaemonSummary? { result.withLock { $0 } }

    func run() async throws {
        await startup.wait()
        guard !Task.isCancelled else { return }
        let post = self.post
        try await withGracefulShutdownHandler {
            try await schedule()
        } onGracefulShutdown: {
            post.yield(.drain)
        }
    }

    private func schedule() async throws {
        var machine = Scheduler<C.Instant>(slots: settings.maxConcurrentJobs + settings.networkJobs, minimumFreeMB: settings.minFreeDiskMB,
                                           recheck: settings.holdRecheck, once: settings.once)
        var jobs: [String: Task<Void, Never>] = [:]
        var timer: Task<Void, Never>?
        defer { timer?.cancel() }

        var pending: [Scheduler<C.Instant>.Event] = [.listed(try await queue.waitingJobs()), .startupFinished]
        var iterator = inputs.makeAsyncIterator()
        while true {
            for event in pending {
                let state = Scheduler<C.Instant>.Conditions(paused: conditions.isPaused(), freeMB: conditions.freeMegabytes(),
                                                            budgetGeneration: runner.budget?.generation ?? 0)
                for action in machine.handle(event, conditions: state, now: clock.now) {
                    switch action {
                    case .start(let job):
                        jobs[job.id] = start(job)
                    case .hold(let hold):
                        let reason = Scheduler<C.Instant>.describe(hold)
                        logger.warning("\(machine.waiting.count) queued job\(machine.waiting.count == 1 ? "" : "s") wait: \(reason)")
                        events.record(.held(reason))
                    case .release:
                        logger.info("queued jobs may start again")
                        events.record(.released)
                    case .stopRunning:
                        logger.info("draining: \(jobs.count) running job\(jobs.count == 1 ? "" : "s") go back to the queue")
                        for task in jobs.values { task.cancel() }
                    case .finish(let summary):
                        result.withLock { $0 = summary }
                        return
                    }
                }
            }
            pending = []
            // The next deadline, on the injected clock: a hold's recheck.
            timer?.cancel()
            timer = machine.deadline.map { deadline in
                let clock = self.clock, post = self.post
                return Task {
                    do {
                        try await clock.sleep(until: deadline, tolerance: nil)
                        post.yield(.tick)
                    } catch {}
                }
            }
            // Cancelled (the group's drain time ran out): jobs still running resume from running/ at the next start.
            guard let input = await iterator.next() else {
                if !jobs.isEmpty {
                    logger.warning("\(jobs.count) job\(jobs.count == 1 ? "" : "s") did not stop in time; they resume from running/ at the next start")
                }
                return
            }
            switch input {
            case .queued(let list): pending.append(.queued(list))
            case .refused(let ids): pending.append(.refused(ids))
            case .queueChanged: pending.append(.listed(try await queue.waitingJobs()))
            case .inbox(let idle): pending.append(.inbox(idle: idle))
            case .ended(let id, let state):
                jobs[id] = nil
                pending.append(.ended(id: id, state: state))
                // Back in the queue while the daemon goes on (too little disk): it waits again.
                if state == .queued, !Task.isCancelled { pending.append(.listed(try await queue.waitingJobs())) }
            case .waitsForBudget(let job):
                jobs[job.id] = nil
                logger.info("\(job.id) waits in queued/ for the daily budget", metadata: ["job": "\(job.id)"])
                pending.append(.waitsForBudget(job))
            case .tick: pending.append(.tick)
            case .drain: pending.append(.drain)
            }
        }
    }

    /// Starts one job in a task of its own; its end comes back as an input.
    private func start(_ job: WaitingJob) -> Task<Void, Never> {
        let queue = self.queue, runner = self.runner, assets = self.assets, post = self.post, events = self.events
        return Task {
            guard let lease = try? await queue.start(job.id) else {
                post.yield(.ended(id: job.id, state: nil))
                return
            }
            events.record(.started(job.id))
            let final = await runner.run(lease, recorder: queue, assets: assets, interruption: .requeue)
            if final.state == .queued, final.waiting != nil {
                post.yield(.waitsForBudget(job))
                return
            }
            events.record(.finished(job.id, final.state))
            post.yield(.ended(id: job.id, state: final.state))
        }
    }
}
