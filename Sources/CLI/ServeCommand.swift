import ArgumentParser
import Foundation
import JobIndex
import Pipeline
import Spool

/// `serve`: the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Watch the spool and render every project dropped into its inbox.",
        discussion: """
        SIGTERM or SIGINT drains: no new claims or starts, running jobs go back to queued/ at a safe point \
        and resume at the next start; the daemon exits 0 within a few seconds (a second signal exits at once). \
        SIGHUP reopens --log-file.
        Exit codes: 0 stopped by a signal; 1 error; 75 another daemon serves the spool.
        """)

    @OptionGroup var spool: SpoolOption
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged.") var settle: Double = 2
    @Option(help: "Seconds between full rescans of the inbox (and sweeps for folders deleted from outside).") var rescan: Double = 30
    @Flag(help: "Poll the folders instead of using inotify (for NFS spools).") var poll = false
    @Option(help: "Append the log to this file instead of stderr; SIGHUP reopens it (for logrotate).") var logFile: String?

    func run() async throws {
        let log = try logFile.map { try LogFile(path: $0) }
        CLILogging.bootstrap(file: log)
        _ = try await DaemonLauncher(spool: spool.url, jobs: jobs, settle: settle, rescan: rescan, poll: poll, logFile: log).run(once: false)
    }
}

/// `run --once`: drain the inbox and the queue, then exit (for cron).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Render everything in the inbox and the queue, then exit.",
        discussion: """
        Jobs that cannot start (the spool is paused, or the disk has less than MIN_FREE_DISK_MB free) stay \
        queued and are listed as `waiting`.
        Exit codes: 0 every job done; 1 error, or jobs left waiting; 2 a job failed; 75 a daemon serves the spool.
        """)

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Drain the inbox and queue once and exit (the only mode; kept explicit for cron lines).") var once = false
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged.") var settle: Double = 2
    @Option(help: "Append the log to this file instead of stderr.") var logFile: String?

    func run() async throws {
        let log = try logFile.map { try LogFile(path: $0) }
        CLILogging.bootstrap(file: log)
        guard once else { throw ValidationError("use `run --once` (or `serve` for a daemon)") }
        let summary = try await DaemonLauncher(spool: spool.url, jobs: jobs, settle: settle, rescan: 30, poll: false, logFile: log).run(once: true)
        let layout = SpoolLayout(root: spool.url)
        for id in summary.done {
            print("done    \(layout.jobFolder(id: id, state: .done).appending(path: "video.mp4").path)")
        }
        for id in summary.failed {
            let folder = layout.locate(jobID: id)?.folder ?? layout.jobFolder(id: id, state: .failed)
            let message = (try? StatusFile.read(in: folder))?.error?.message ?? ""
            print("failed  \(folder.path)  \(message)")
        }
        for id in summary.waiting {
            print("waiting \(layout.jobFolder(id: id, state: .queued).path)  \(summary.waitingReason ?? "")")
        }
        if !summary.failed.isEmpty { throw ExitStatus.failed }
        if !summary.waiting.isEmpty { throw ExitCode.failure }
    }
}

/// What `serve` and `run --once` share: the lock, the crash marker, the index, the signals, the daemon.
struct DaemonLauncher {
    let spool: URL
    let jobs: Int?
    let settle: Double
    let rescan: Double
    let poll: Bool
    let logFile: LogFile?

    func run(once: Bool) async throws -> SpoolDaemon.Summary {
        let layout = SpoolLayout(root: spool)
        try layout.create()
        let lock: SpoolLock
        do {
            lock = try SpoolLock(layout: layout)
        } catch let error as SpoolError {
            FileHandle.standardError.write(Data("tiktok-ai: \(error)\n".utf8))
            throw ExitStatus.locked
        }
        // Read what the previous daemon left (did it crash?) before arming the marker for this one.
        let previousCrash = CrashMarker.consume(in: layout)
        CrashMarker.arm(in: layout)
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        // The last deferred updates (a requeued job's note, say) are written before the process ends.
        defer { try? index.flushDeferred() }
        var configuration = PipelineConfiguration.fromEnvironment()
        if let jobs { configuration.maxConcurrentJobs = max(1, jobs) }
        var options = SpoolDaemon.Options()
        options.settleWindow = settle
        options.rescanInterval = rescan
        options.poll = poll
        options.previousCrash = previousCrash
        if let previousCrash {
            CLILogging.logger.warning("the previous daemon on this spool crashed (\(CrashMarker.name(of: previousCrash))); its running jobs count it as a failed attempt")
        }
        let daemon = SpoolDaemon(layout: layout, index: index, configuration: configuration, options: options, logger: CLILogging.logger)
        let signals = SignalTrap(daemon: daemon, logFile: logFile, logger: CLILogging.logger)
        defer { signals.cancel() }
        let summary = try await daemon.run(once: once)
        withExtendedLifetime(lock) {}
        return summary
    }
}
