import ArgumentParser
import Foundation
import JobIndex
import Pipeline
import ProjectModel
import Spool

/// `cancel JOB`: a queued job goes straight to `failed/` as canceled; a running one gets a `CANCEL`
/// file, which the daemon turns into a cancel of its step (ffmpeg is killed) within about a second.
struct CancelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a queued or running job (it goes to failed/ with state canceled).",
        discussion: """
        A queued job is moved to failed/ at once. A running job gets a CANCEL file in its folder (the same \
        as `touch spool/running/JOB/CANCEL`); the daemon stops it, ffmpeg included, within about a second, \
        and this command waits for that unless --no-wait is given.
        Exit codes: 0 canceled (or already canceled; with --no-wait, cancel requested); 4 no such job; \
        5 --timeout passed before the daemon stopped it; 6 the job had already finished (done or failed).
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The job id.") var job: String
    @Flag(help: "Do not wait for a running job to stop.") var noWait = false
    @Option(help: "Seconds to wait for a running job to stop.") var timeout: Double = 15
    @Flag(help: "Print the outcome as one JSON object: id, outcome (canceled, requested, already-canceled, already-finished), state, folder.") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        let control = JobControl(layout: layout, index: SpoolIndex.openForWriting(layout))
        let outcome: JobControl.CancelOutcome
        do {
            outcome = try control.cancel(id: job, daemonRunning: SpoolLock.holder(of: layout) != nil)
        } catch JobControlError.notFound {
            CLIOutput.error("no job '\(job)' in \(layout.root.path)")
            throw ExitStatus.notFound
        }
        switch outcome {
        case .canceled(let status):
            report("canceled", status: status, layout: layout, text: "canceled \(job): moved to failed/\(job)")
        case .alreadyFinished(let status) where status.state == .canceled:
            report("already-canceled", status: status, layout: layout, text: "\(job) was already canceled")
        case .alreadyFinished(let status):
            report("already-finished", status: status, layout: layout, text: "\(job) is already \(status.state.rawValue); nothing to cancel")
            throw ExitStatus.wrongState
        case .requested(let folder):
            if noWait {
                let status = (try? StatusFile.read(in: folder)) ?? JobStatus(id: job, source: "unknown")
                report("requested", status: status, layout: layout, text: "cancel requested: \(job) is running; the daemon stops it within about a second")
                return
            }
            try await waitForStop(layout: layout)
        }
    }

    private func waitForStop(layout: SpoolLayout) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = layout.locate(jobID: job), found.stateFolder == "done" || found.stateFolder == "failed",
               let status = try? StatusFile.read(in: found.folder), status.state.isFinal {
                if status.state == .canceled {
                    report("canceled", status: status, layout: layout,
                           text: "canceled \(job)\(status.error?.step.map { " during \($0)" } ?? ""): moved to failed/\(job)")
                    return
                }
                report("already-finished", status: status, layout: layout, text: "\(job) finished as \(status.state.rawValue) before the cancel took effect")
                throw ExitStatus.wrongState
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        CLIOutput.error("cancel requested, but \(job) had not stopped after \(timeout) s (is the daemon running?)")
        throw ExitStatus.timedOut
    }

    private func report(_ outcome: String, status: JobStatus, layout: SpoolLayout, text: String) {
        if json {
            CLIOutput.json(["id": job, "outcome": outcome, "state": status.state.rawValue,
                            "folder": layout.locate(jobID: job)?.folder.path ?? ""])
        } else {
            print(text)
        }
    }
}
