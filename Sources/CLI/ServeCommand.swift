import ArgumentParser
import Daemon
import Foundation
import HTTPAPI
import JobIndex
import JobQueue
import Operations
import Pipeline
import Providers
import ServiceLifecycle
import Settings
import Spool
import UnixSignals

/// `serve`: the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Watch the spool and render every project dropped into its inbox.",
        discussion: """
        SIGTERM or SIGINT drains: no new claims or starts, running jobs go back to queued/ at a safe point \
        and resume at the next start; the daemon exits 0 within a few seconds (a second signal exits at once). \
        SIGHUP reopens --log-file and LOG_DIR's app.log and error.log, and reloads DAILY_BUDGET_USD. \
        Under systemd (Type=notify, NOTIFY_SOCKET set) it sends READY=1 once it watches the inbox, STATUS= lines, \
        STOPPING=1 on SIGTERM, and WATCHDOG=1 at half of WATCHDOG_USEC.
        Exit codes: 0 stopped by a signal; 1 error; 64 a setting is unusable; 75 another daemon serves the spool.
        """)

    @OptionGroup var spool: SpoolOption
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged (default 2).") var settle: Double?
    @Option(help: "Seconds between full rescans of the inbox (and sweeps for folders deleted from outside; default 30).") var rescan: Double?
    @Flag(help: "Poll the folders instead of using inotify (for NFS spools).") var poll = false
    @Option(help: "Append the log to this file instead of stderr; SIGHUP reopens it (for logrotate).") var logFile: String?
    @Option(help: ArgumentHelp("Serve the HTTP API, /metrics and the dashboard on HOST:PORT (HOST alone: port $PORT, else 3001). Off by default; a non-loopback host needs $API_KEY.",
                               valueName: "host:port")) var http: String?

    func run() async throws {
        var flags: [String: String] = [:]
        if let jobs { flags["maxConcurrentJobs"] = String(jobs) }
        if let settle { flags["settleSeconds"] = String(settle) }
        if let rescan { flags["rescanSeconds"] = String(rescan) }
        if poll { flags["pollInbox"] = "true" }
        let context = try await CommandContext.load(spool, flags: flags, logs: .daemon(file: logFile))
        var api: APIConfiguration?
        if let http {
            do {
                api = try HTTPServerSetup.configuration(address: http, settings: context.settings)
            } catch let error as APIConfigurationError {
                CLIOutput.error("\(error)")
                throw ExitCode(64)
            }
        }
        _ = try await DaemonLauncher(context: context, api: api).run(once: false)
    }
}

/// `run --once`: drain the inbox and the queue, then exit (for cron).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Render everything in the inbox and the queue, then exit.",
        discussion: """
        Jobs that cannot start (the spool is paused, or the disk has less than MIN_FREE_DISK_MB free) stay \
        queued and are listed as `waiting`. On a terminal (stderr), each job's steps are shown as they end and \
        its encode as a progress bar; --quiet, --log-file, or stderr not a terminal (or TERM=dumb) prints only \
        the result lines.
        Exit codes: 0 every job done; 1 error, or jobs left waiting; 2 a job failed; 64 a setting is unusable; \
        75 a daemon serves the spool.
        """)

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Drain the inbox and queue once and exit (the only mode; kept explicit for cron lines).") var once = false
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged (default 2).") var settle: Double?
    @Option(help: "Append the log to this file instead of stderr.") var logFile: String?
    @Flag(help: "No progress display, even on a terminal.") var quiet = false

    func run() async throws {
        guard once else { throw ValidationError("use `run --once` (or `serve` for a daemon)") }
        var flags: [String: String] = [:]
        if let jobs { flags["maxConcurrentJobs"] = String(jobs) }
        if let settle { flags["settleSeconds"] = String(settle) }
        // A log file is for unattended runs (cron): no display then either.
        let progress = TerminalProgress.forCommand(quiet: quiet || logFile != nil, namesJobs: true)
        let context = try await CommandContext.load(spool, flags: flags, logs: .daemon(file: logFile), terminal: progress)
        let layout = context.layout
        let watch = progress.map { RunningJobsWatch(layout: layout, progress: $0).start() }
        let ticker = progress?.startTicking()
        let summary: DaemonSummary
        do {
            summary = try await DaemonLauncher(context: context).run(once: true)
            watch?.cancel()
            await watch?.value
        } catch {
            watch?.cancel()
            ticker?.cancel()
            progress?.stop()
            throw error
        }
        ticker?.cancel()
        progress?.stop()
        for id in summary.done {
            print("done    \(layout.jobFolder(id: id, in: .done).appending(path: "video.mp4").path)")
        }
        let queue = FolderQueue(layout: layout, index: nil)
        for id in summary.failed {
            let found = queue.status(of: id)
            print("failed  \((found?.folder ?? layout.jobFolder(id: id, in: .failed)).path)  \(found?.status.error?.message ?? "")")
        }
        for id in summary.waiting {
            print("waiting \(layout.jobFolder(id: id, in: .queued).path)  \(summary.waitingReason ?? "")")
        }
        if !summary.failed.isEmpty { throw ExitStatus.failed }
        if !summary.waiting.isEmpty { throw ExitCode.failure }
    }
}

/// What `serve` and `run --once` share: the lock, the crash marker, the index, the signals, the daemon;
/// `serve` alone talks to systemd.
struct DaemonLauncher {
    let context: CommandContext
    /// Serve the HTTP API beside the daemon (`serve --http`).
    var api: APIConfiguration?

    func run(once: Bool) async throws -> DaemonSummary {
        let settings = context.settings
        let layout = context.layout
        try layout.create()
        let lock: SpoolLock
        do {
            lock = try SpoolLock(layout: layout)
        } catch let error as SpoolError {
            CLIOutput.error("\(error)")
            throw ExitStatus.locked
        }
        // Read what the previous daemon left (did it crash?) before arming the marker for this one.
        let previousCrash = CrashMarker.consume(in: layout)
        CrashMarker.arm(in: layout)
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        // The last deferred updates (a requeued job's note, say) are written before the process ends.
        defer { try? index.flushDeferred() }
        let logger = LogSetup.logger
        if let previousCrash {
            logger.warning("the previous daemon on this spool crashed (\(CrashMarker.name(of: previousCrash))); its running jobs count it as a failed attempt")
        }
        let policy = RetryPolicy(limit: settings.maxSameFailures)
        let queue = FolderQueue(layout: layout, index: index, policy: policy, servesSpool: true, logger: logger)
        let budget = DailyBudget(limitUsd: settings.dailyBudgetUsd,
                                 spentToday: (try? index.spentUsd(since: DailyBudget.startOfDay(Date()))) ?? 0)
        let catalog = ProviderComposition.catalog(settings, musicLibrary: settings.musicLibraryDirectory,
                                                  cache: ResponseCacheSetup.open(settings, index: index))
        let runner = JobRunner(providers: catalog, settings: ProviderComposition.pipelineSettings(settings), logger: logger,
                               budget: budget, renderSlots: RenderSlots(settings.maxConcurrentJobs))
        var daemonSettings = DaemonSettings()
        daemonSettings.maxConcurrentJobs = settings.maxConcurrentJobs
        daemonSettings.networkJobs = catalog.usesRemoteProviders ? settings.maxNetworkJobs : 0
        daemonSettings.settleWindow = .milliseconds(Int64(settings.settleSeconds * 1000))
        daemonSettings.rescanInterval = .milliseconds(Int64(settings.rescanSeconds * 1000))
        daemonSettings.poll = settings.pollInbox
        daemonSettings.drainTimeout = .milliseconds(Int64(settings.drainTimeoutSeconds * 1000))
        daemonSettings.minFreeDiskMB = settings.minFreeDiskMB
        daemonSettings.once = once
        let daemon = SpoolDaemon(queue: queue, runner: runner, assetRoots: settings.assetRoots, settings: daemonSettings,
                                 clock: ContinuousClock(), conditions: FolderSpoolConditions(layout: layout),
                                 watcher: InotifyInboxWatcher(layout: layout),
                                 recovery: RecoveryContext(previousCrashSignal: previousCrash, policy: policy), logger: logger)
        let reload = context.reload
        let signals = SignalWatch(logs: context.logs) {
            do {
                let limit = try await reload().dailyBudgetUsd
                budget.setLimit(limit)
                logger.info("SIGHUP: settings reloaded; daily budget \(limit.map { String(format: "$%.4f", $0) } ?? "none")")
            } catch {
                logger.error("SIGHUP: the settings cannot be reloaded, the daily budget stays: \(error)")
            }
        }
        defer { signals.stop() }
        var companions = once ? [] : SystemdCompanion.services(for: daemon, settings: daemonSettings, logger: logger)
        if let api {
            // The API changes jobs through this daemon's own queue, the one owner of job state.
            companions.append(try HTTPServerSetup.service(configuration: api, operations: SpoolOperations(queue: queue),
                                                          settings: settings, catalog: catalog, logger: logger))
        }
        let summary = try await daemon.run(signals: [.sigterm, .sigint], companions: companions)
        withExtendedLifetime(lock) {}
        return summary
    }
}
