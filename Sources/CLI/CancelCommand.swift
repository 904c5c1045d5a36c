import ArgumentParser
import Foundation
import JobDocuments
import JobQueue
import Operations

/// `cancel JOB`: a queued job goes straight to `failed/` as canceled; a running one is asked to stop
/// (a `CANCEL` file), which the daemon turns into a cancel of its step (ffmpeg is killed) within a second.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a queued or running job (it goes to failed/ with state canceled).",
        discussion: """
        A queued job is moved to failed/ at once. A running job gets a CANCEL file in its folder (the same \
        as `touch spool/running/JOB/CANCEL`); the daemon stops it, ffmpeg included, within about a second, \
        and this command waits for that unless --no-wait is given.
        --json prints one object: id, outcome (canceled, requested, already-canceled, already-finished), state, folder.
        Exit codes: 0 canceled (or already canceled; with --no-wait, cancel requested); 4 no such job; \
        5 --timeout passed before the daemon stopped it; 6 the job had already finished (done or failed).
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The job id.") var job: String
    @Flag(help: "Do not wait for a running job to stop.") var noWait = false
    @Option(help: "Seconds to wait for a running job to stop.") var timeout: Double = 15
    @Flag(help: "Print the outcome as one JSON object.") var json = false

    struct Outcome: Encodable {
        var id: String
        var outcome: String
        var state: JobState
        var folder: String?
    }

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let operations = context.operations
        let outcome: CancelOutcome
        do {
            outcome = try await operations.cancel(job)
        } catch JobQueueError.notFound {
            CLIOutput.error("no job '\(job)' in \(context.settings.spool.path)")
            throw ExitStatus.notFound
        }
        switch outcome {
        case .canceled(let status):
            report("canceled", status, operations, text: "canceled \(job): moved to failed/\(job)")
        case .alreadyFinished(let status) where status.state == .canceled:
            report("already-canceled", status, operations, text: "\(job) was already canceled")
        case .alreadyFinished(let status):
            report("already-finished", status, operations, text: "\(job) is already \(status.state.rawValue); nothing to cancel")
            throw ExitStatus.wrongState
        case .requested(let status):
            if noWait {
                report("requested", status, operations, text: "cancel requested: \(job) is running; the daemon stops it within about a second")
                return
            }
            try await waitForStop(operations)
        }
    }

    private func waitForStop(_ operations: SpoolOperations) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = operations.queue.status(of: job), found.state == .done || found.state == .failed, found.status.state.isFinal {
                let status = found.status
                if status.state == .canceled {
                    report("canceled", status, operations,
                           text: "canceled \(job)\(status.error?.step.map { " during \($0)" } ?? ""): moved to failed/\(job)")
                    return
                }
                report("already-finished", status, operations, text: "\(job) finished as \(status.state.rawValue) before the cancel took effect")
                throw ExitStatus.wrongState
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        CLIOutput.error("cancel requested, but \(job) had not stopped after \(timeout) s (is the daemon running?)")
        throw ExitStatus.timedOut
    }

    private func report(_ outcome: String, _ status: JobStatus, _ operations: SpoolOperations, text: String) {
        if json {
            CLIOutput.json(Outcome(id: job, outcome: outcome, state: status.state, folder: operations.layout.locate(jobID: job)?.folder.path))
        } else {
            print(text)
        }
    }
}
