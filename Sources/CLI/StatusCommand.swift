import ArgumentParser
import Foundation
import JobDocuments
import Operations

/// `status [JOB] [--wait] [--json]`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the spool's counts, or one job's status.",
        discussion: """
        With JOB and --wait, blocks until the job is finished: exit 0 when done, 2 when failed, 3 when \
        canceled, 5 when --timeout passes first. An unknown JOB, or one whose folder was purged, exits 4.
        --json prints the job's status.json, or the counts: queued, running, done, failed, canceled, inbox, paused.
        With --wait on a terminal (stderr), the job's steps are shown as they end and its encode as a progress \
        bar until it finishes; --quiet, --json, or stderr not a terminal (or TERM=dumb) waits silently.
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "A job id.") var job: String?
    @Flag(help: "Block until the job is finished.") var wait = false
    @Option(help: "With --wait: give up after this many seconds.") var timeout: Double?
    @Flag(help: "Print status.json (with JOB) or the counts as JSON.") var json = false
    @Flag(help: "With --wait: no progress display, even on a terminal.") var quiet = false

    func run() async throws {
        let progress = wait && job != nil ? TerminalProgress.forCommand(quiet: quiet || json) : nil
        let context = try await CommandContext.load(spool, terminal: progress)
        let operations = context.operations
        guard let id = job else {
            printCounts(operations.counts(), spool: context.settings.spool)
            return
        }
        let ticker = progress?.startTicking()
        // Whatever ends the wait, the live line is gone before the result prints.
        defer {
            ticker?.cancel()
            progress?.stop()
        }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            let found = operations.status(of: id)
            if let found { progress?.show(found) }
            if found?.state.isFinal ?? true { progress?.stop() }
            guard let status = found else {
                if let purged = operations.purgedJob(id) {
                    CLIOutput.error("job '\(id)' was purged: its folder \(purged.folder)/\(id) was removed (last state \(purged.state.rawValue))")
                } else {
                    CLIOutput.error("no job '\(id)' in \(context.settings.spool.path)")
                }
                throw ExitStatus.notFound
            }
            if !wait || status.state.isFinal {
                printStatus(status, operations: operations)
                switch status.state {
                case .failed where wait: throw ExitStatus.failed
                case .canceled where wait: throw ExitStatus.canceled
                default: return
                }
            }
            if let deadline, Date() >= deadline {
                progress?.stop()
                printStatus(status, operations: operations)
                throw ExitStatus.timedOut
            }
            // A terminal display follows the job more closely (status.json itself changes at most once a second).
            try await Task.sleep(for: .milliseconds(progress == nil ? 500 : 200))
        }
    }

    private func printStatus(_ status: JobStatus, operations: SpoolOperations) {
        if json {
            CLIOutput.document(status)
            return
        }
        let folder = operations.layout.locate(jobID: status.id)?.folder
        print("\(status.id)  \(status.state.rawValue)  \(status.progress)%\(status.step.map { "  step \($0.rawValue)" } ?? "")  attempt \(status.attempt)")
        print("  source   \(status.source)")
        if let folder { print("  folder   \(folder.path)") }
        if let video = status.artifacts.video, let folder { print("  video    \(folder.appending(path: video).path)") }
        if let error = status.error { print("  error    \(error.step.map { "[\($0)] " } ?? "")\(error.message)") }
        for step in status.steps {
            let seconds = step.seconds.map { String(format: "%.2f s", $0) } ?? ""
            let provider = status.providers[step.name.rawValue].map { "  \($0)" } ?? ""
            print("  \(step.name.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(step.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(seconds)\(step.cached ? " (cached)" : "")\(provider)")
        }
    }

    private func printCounts(_ counts: SpoolCounts, spool: URL) {
        if json {
            CLIOutput.json(counts)
            return
        }
        print("spool \(spool.path)\(counts.paused ? "  (PAUSED)" : "")")
        print("  inbox    \(counts.inbox)")
        for (state, count) in [("queued", counts.queued), ("running", counts.running), ("done", counts.done),
                               ("failed", counts.failed), ("canceled", counts.canceled)] {
            print("  \(state.padding(toLength: 8, withPad: " ", startingAt: 0)) \(count)")
        }
    }
}
