import ArgumentParser
import Foundation
import JobDocuments
import Operations

/// `list [--state S]`.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List jobs, newest first.",
        discussion: """
        --json prints one object a line: id, state, step, progress, attempt, priority, source, folder, \
        createdAt, updatedAt, finishedAt, error ({step, message, retryable} or null).
        Exit codes: 0 listed; 1 the spool has no index yet.
        """)

    @OptionGroup var spool: SpoolOption
    @Option(help: "Only jobs in this state (queued, running, done, failed, canceled).") var state: JobState?
    @Option(help: "At most this many jobs.") var limit = 100
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let jobs: [JobSummary]
        do {
            jobs = try context.operations.list(state: state, limit: limit)
        } catch let error as OperationError {
            CLIOutput.error("\(error)")
            throw ExitCode.failure
        }
        for job in jobs {
            if json {
                CLIOutput.json(job)
            } else {
                let detail = job.error?.message ?? job.step?.rawValue ?? ""
                print("\(job.id.padding(toLength: max(24, job.id.count), withPad: " ", startingAt: 0))  \(job.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(String(format: "%3d", job.progress))%  \(detail)")
            }
        }
    }
}

extension JobState: ExpressibleByArgument {}
