import ArgumentParser
import Foundation
import JobDocuments
import Operations
import Spool

/// `submit FILE`: put a project into the spool's queue and print its job id.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue a project file (or a .jsonl batch) in the spool and print the job id(s).",
        discussion: """
        The same claim as a file dropped into the inbox. An invalid project is refused here and nothing is \
        queued; a batch's bad lines become failed jobs, printed with their reason.
        Exit codes: 0 queued; 64 bad usage; 65 invalid project.
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The project file (.json) or batch (.jsonl).") var file: String

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let source = URL(filePath: file, relativeTo: URL.currentDirectory()).standardizedFileURL
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw ValidationError("cannot read \(source.path): \(error.localizedDescription)")
        }
        let jobs: [JobStatus]
        do {
            jobs = try context.operations.submit(data, named: source.lastPathComponent)
        } catch SubmitError.badName(let name) {
            throw ValidationError(SubmitError.badName(name).description)
        } catch let error as SubmitError {
            CLIOutput.error("\(error)")
            throw ExitStatus.invalidProject
        }
        for job in jobs {
            print(job.error.map { "\(job.id)\tfailed: \($0.message)" } ?? job.id)
        }
    }
}
