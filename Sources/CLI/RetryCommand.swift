import ArgumentParser
import Foundation
import JobDocuments
import JobQueue

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
        do { _ = try from.map(PipelineStep.named) } catch { throw ValidationError("--from: \(error)") }
    }

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let step = try from.map(PipelineStep.named)
        let status: JobStatus
        do {
            status = try await context.operations.retry(job, from: step)
        } catch let error as JobQueueError {
            CLIOutput.error("\(error)")
            if case .notFound = error { throw ExitStatus.notFound }
            throw ExitStatus.wrongState
        }
        if json {
            CLIOutput.document(status)
            return
        }
        let next = PipelineStep.allCases.first { step in status.record(for: step)?.state != .done }
        print("queued \(job) again (attempt \(status.attempt))\(next.map { ", resuming at \($0.rawValue)" } ?? "")")
    }
}
