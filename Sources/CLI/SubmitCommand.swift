import ArgumentParser
import Foundation
import ProjectModel
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
        let name = source.lastPathComponent
        guard let kind = InboxNaming.kind(of: name) else {
            throw ValidationError("\(name): a project file ends in .json, a batch in .jsonl")
        }
        if kind == .project, case .bad(let reason) = InboxJudge.judge(data) {
            CLIOutput.error("\(name): \(reason)")
            throw ExitStatus.invalidProject
        }
        let jobs = try context.operations.queue.submit(data, named: name)
        for job in jobs {
            print(job.error.map { "\(job.id)\tfailed: \($0.message)" } ?? job.id)
        }
    }
}
