import ArgumentParser
import Foundation
import JobIndex
import Pipeline
import Spool

/// `serve`: the daemon.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Watch the spool and render every project dropped into its inbox.")

    @OptionGroup var spool: SpoolOption
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged.") var settle: Double = 2
    @Option(help: "Seconds between full rescans of the inbox.") var rescan: Double = 30
    @Flag(help: "Poll the folders instead of using inotify (for NFS spools).") var poll = false

    func run() async throws {
        CLILogging.bootstrap()
        _ = try await DaemonLauncher(spool: spool.url, jobs: jobs, settle: settle, rescan: rescan, poll: poll).run(once: false)
    }
}

/// `run --once`: drain the inbox and the queue, then exit (for cron).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "run", abstract: "Render everything in the inbox and the queue, then exit.")

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Drain the inbox and queue once and exit (the only mode; kept explicit for cron lines).") var once = false
    @Option(help: "Jobs rendered at once (default: $MAX_CONCURRENT_JOBS, else 2).") var jobs: Int?
    @Option(help: "Seconds an in-place write must be still before the file is judged.") var settle: Double = 2

    func run() async throws {
        CLILogging.bootstrap()
        guard once else { throw ValidationError("use `run --once` (or `serve` for a daemon)") }
        let summary = try await DaemonLauncher(spool: spool.url, jobs: jobs, settle: settle, rescan: 30, poll: false).run(once: true)
        let layout = SpoolLayout(root: spool.url)
        for id in summary.done {
            print("done    \(layout.jobFolder(id: id, state: .done).appending(path: "video.mp4").path)")
        }
        for id in summary.failed {
            let folder = layout.locate(jobID: id)?.folder ?? layout.jobFolder(id: id, state: .failed)
            let message = (try? StatusFile.read(in: folder))?.error?.message ?? ""
            print("failed  \(folder.path)  \(message)")
        }
        if !summary.failed.isEmpty { throw ExitStatus.failed }
    }
}

/// What `serve` and `run --once` share: the lock, the index, the daemon.
struct DaemonLauncher {
    let spool: URL
    let jobs: Int?
    let settle: Double
    let rescan: Double
    let poll: Bool

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
        let index = try JobIndexDatabase(path: layout.indexFile.path)
        var configuration = PipelineConfiguration.fromEnvironment()
        if let jobs { configuration.maxConcurrentJobs = max(1, jobs) }
        var options = SpoolDaemon.Options()
        options.settleWindow = settle
        options.rescanInterval = rescan
        options.poll = poll
        let daemon = SpoolDaemon(layout: layout, index: index, configuration: configuration, options: options, logger: CLILogging.logger)
        let summary = try await daemon.run(once: once)
        withExtendedLifetime(lock) {}
        return summary
    }
}
