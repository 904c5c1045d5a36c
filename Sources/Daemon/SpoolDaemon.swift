import Foundation
import JobIndex
import JobQueue
import Logging
import Pipeline
import ServiceLifecycle
import Spool
import Synchronization
import UnixSignals

/// The daemon: the services of one spool in one service group (swift-service-lifecycle).
///
/// | service | what it does |
/// |---|---|
/// | ``OrphanReaperService`` | at start, kills tools a killed daemon left writing into `running/` |
/// | ``RecoveryService`` | then the queue's recovery; the others wait for it |
/// | ``SchedulerService`` | starts jobs as the ``Scheduler`` decides and runs them |
/// | ``IntakeService`` | watches the inbox and claims what is complete |
/// | ``PurgeSweepService`` | marks purged the jobs whose folders were removed from outside |
///
/// Graceful shutdown (SIGTERM, SIGINT, or ``stop()``) goes through the group, in reverse order: the
/// sweep and the intake stop, the scheduler drains — running jobs go back to the queue — and the group
/// gives it `drainTimeout` before cancelling. With `once`, the scheduler ends the run itself when the
/// inbox and the queue are done.
///
/// Everything it waits for is an event or a deadline on `clock` (a test clock in the daemon's tests),
/// never a fixed poll.
public final class SpoolDaemon<C: Clock>: Sendable where C.Duration == Duration, C.Instant: Sendable {
    public let queue: FolderQueue
    public let events = DaemonEventLog()
    private let runner: JobRunner
    private let assets: AssetResolver
    private let settings: DaemonSettings
    private let clock: C
    private let conditions: any SpoolConditions
    private let watcher: (any InboxWatching)?
    private let recovery: RecoveryContext
    private let logger: Logger
    private let group = Mutex<ServiceGroup?>(nil)
    private let stopRequested = Mutex(false)

    /// - Parameters:
    ///   - queue: the spool's queue; its process must hold the spool's lock.
    ///   - assetRoots: folders a project's files are looked up in, after the inbox (where it was dropped).
    ///   - watcher: inotify (or hints by hand in tests); nil polls (`settings.poll`).
    ///   - recovery: what recovery needs to know of the previous daemon (did it crash?) and the retry policy.
    public init(queue: FolderQueue, runner: JobRunner, assetRoots: [URL], settings: DaemonSettings, clock: C,
                conditions: any SpoolConditions, watcher: (any InboxWatching)?, recovery: RecoveryContext, logger: Logger) {
        self.queue = queue
        self.runner = runner
        self.assets = AssetResolver(roots: [queue.layout.inbox] + assetRoots)
        self.settings = settings
        self.clock = clock
        self.conditions = conditions
        self.watcher = watcher
        self.recovery = recovery
        self.logger = logger
    }

    /// Serves until a shutdown signal or ``stop()`` (or, with `once`, until the inbox and queue are
    /// done), and returns what it did.
    ///
    /// - Parameter companions: services run in the same group after the daemon's own (the HTTP API,
    ///   systemd's notifications): they start with the daemon, graceful shutdown reaches them first,
    ///   and a companion's failure (a port in use) stops the daemon with its error.
    public func run(signals: [UnixSignal] = [], companions: [any Service] = []) async throws -> DaemonSummary {
        let (inputs, post) = AsyncStream<SchedulerInput>.makeStream()
        let reaped = Latch(), recovered = Latch()
        let scheduler = SchedulerService(queue: queue, runner: runner, assets: assets, settings: settings, conditions: conditions,
                                         clock: clock, inputs: inputs, post: post, startup: recovered, events: events, logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: OrphanReaperService(layout: queue.layout, reaped: reaped, logger: logger),
                  successTerminationBehavior: .ignore),
            .init(service: RecoveryService(queue: queue, context: recovery, reaped: reaped, recovered: recovered,
                                           events: events, logger: logger),
                  successTerminationBehavior: .ignore),
            .init(service: scheduler, successTerminationBehavior: .gracefullyShutdownGroup),
            .init(service: IntakeService(queue: queue, watcher: settings.poll ? nil : watcher, settings: settings, clock: clock,
                                         post: post, startup: recovered, events: events, logger: logger),
                  successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        if let index = queue.index {
            services.append(.init(service: PurgeSweepService(layout: queue.layout, index: index, interval: settings.rescanInterval,
                                                             clock: clock, startup: recovered, events: events, logger: logger)))
        }
        services += companions.map { .init(service: $0) }
        var configuration = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: signals, logger: logger)
        configuration.maximumGracefulShutdownDuration = settings.drainTimeout
        let group = ServiceGroup(configuration: configuration)
        let stopEarly = stopRequested.withLock { stop in
            self.group.withLock { $0 = group }
            return stop
        }
        logger.info("serving spool \(queue.layout.root.path) (\(settings.poll ? "polling" : "inotify"), up to \(settings.maxConcurrentJobs) jobs at once\(settings.networkJobs > 0 ? ", and \(settings.networkJobs) more waiting on providers" : ""))")
        if stopEarly { await group.triggerGracefulShutdown() }
        try await group.run()
        return scheduler.summary ?? DaemonSummary()
    }

    /// Stops the daemon as SIGTERM does: nothing more is claimed or started, running jobs go back to
    /// the queue, and ``run(signals:companions:)`` returns.
    public func stop() async {
        let group = stopRequested.withLock { stop -> ServiceGroup? in
            stop = true
            return self.group.withLock { $0 }
        }
        await group?.triggerGracefulShutdown()
    }
}
