import ArgumentParser
import FileSafety
import Foundation
import JobIndex
import ProjectModel
import Spool

/// `submit FILE`: put a project into the spool's queue and print its job id.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Queue a project file (or a .jsonl batch) in the spool and print the job id(s).",
        discussion: "An invalid project is refused here (exit 65) and nothing is queued.")

    @OptionGroup var spool: SpoolOption
    @Argument(help: "The project file (.json) or batch (.jsonl).") var file: String

    func run() async throws {
        let source = URL(filePath: file, relativeTo: URL.currentDirectory()).standardizedFileURL
        let layout = SpoolLayout(root: spool.url)
        try layout.create()
        let data: Data
        do { data = try Data(contentsOf: source) } catch {
            throw ValidationError("cannot read \(source.path): \(error.localizedDescription)")
        }
        let name = source.lastPathComponent
        guard let kind = InboxNaming.kind(of: name) else {
            throw ValidationError("\(name): a project file ends in .json, a batch in .jsonl")
        }
        // Write beside the inbox under a name the daemon ignores, then claim it by rename.
        let staged = layout.inbox.appending(path: ".\(name).\(getpid()).tmp")
        let index = try? JobIndexDatabase(path: layout.indexFile.path)
        let claimer = InboxClaimer(layout: layout, isIndexed: { id in (try? index?.containsJob(id: id)) ?? false })
        switch kind {
        case .project:
            do { _ = try ProjectFileParser.parse(data) } catch {
                FileHandle.standardError.write(Data("tiktok-ai: \(name): \(error)\n".utf8))
                throw ExitStatus.invalidProject
            }
            try AtomicFile.write(data, to: staged)
            let inboxName = staged.lastPathComponent
            let verdict = InboxClaimer.judge(fileAt: staged)
            let job = try claimer.claimProject(named: inboxName, as: name, verdict: verdict)
            try index?.record(job.status, folder: "queued")
            try? index?.appendEvent(jobID: job.id, kind: "claimed", message: "submitted from \(source.path)")
            print(job.id)
        case .batch:
            try AtomicFile.write(data, to: staged)
            let jobs = try claimer.claimBatch(named: staged.lastPathComponent, as: name)
            try index?.recordMany(jobs.map { ($0.status, $0.folder.deletingLastPathComponent().lastPathComponent) })
            for job in jobs {
                print(job.status.error == nil ? job.id : "\(job.id)\tfailed: \(job.status.error!.message)")
            }
        }
    }
}
