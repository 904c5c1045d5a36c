import ArgumentParser
import Foundation
import Pipeline
import ProjectModel
import Spool

/// `retry JOB [--from STEP]`: a failed or canceled job goes back to `queued/` for its next attempt.
struct RetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Queue a failed or canceled job again, reusing its finished steps.",
        discussion: """
        The job resumes at its first unfinished step. With --from STEP, that step and every later one are \
        forgotten and their files deleted, so they really run again. The steps: \
        \(PipelineStep.allCases.map(\.rawValue).joined(separator: ", ")). The same as moving the folder from \
        failed/ into inbox/, except that this always retries, even a job that failed the same way three times.
        Exit codes: 0 queued; 4 no such job; 6 the job is not failed or canceled; 64 unknown step.
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The job id.") var job: String
    @Option(help: "Run again from this step on.") var from: String?
    @Flag(help: "Print the new status.json.") var json = false

    func validate() throws {
        do { _ = try from.map(JobControl.step(named:)) } catch { throw ValidationError("--from: \(error)") }
    }

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        let step = try from.map(JobControl.step(named:))
        let control = JobControl(layout: layout, index: SpoolIndex.openForWriting(layout))
        let status: JobStatus
        do {
            status = try control.retry(id: job, from: step)
        } catch let error as JobControlError {
            CLIOutput.error("\(error)")
            if case .notFound = error { throw ExitStatus.notFound }
            throw ExitStatus.wrongState
        }
        if json {
            print(String(decoding: try JobStatus.makeEncoder().encode(status), as: UTF8.self))
            return
        }
        let next = PipelineStep.allCases.first { step in status.record(for: step)?.state != .done }
        print("queued \(job) again (attempt \(status.attempt))\(next.map { ", resuming at \($0.rawValue)" } ?? "")")
    }
}
