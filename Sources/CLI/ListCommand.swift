import ArgumentParser
import Foundation
import JobIndex
import ProjectModel
import Spool

/// `list [--state S]`.
struct ListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List jobs, newest first.")

    @OptionGroup var spool: SpoolOption
    @Option(help: "Only jobs in this state (queued, running, done, failed, canceled).") var state: JobState?
    @Option(help: "At most this many jobs.") var limit = 100
    @Flag(help: "One JSON object per line.") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        let index: JobIndexDatabase
        do {
            index = try JobIndexDatabase.openReadOnly(path: layout.indexFile.path)
        } catch {
            FileHandle.standardError.write(Data("tiktok-ai: no index at \(layout.indexFile.path) yet (start `serve` or `run --once`)\n".utf8))
            throw ExitCode.failure
        }
        let jobs = try index.jobs(state: state, limit: limit)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for job in jobs {
            let status = job.status
            if json {
                let line: [String: String] = [
                    "id": status.id, "state": status.state.rawValue, "step": status.step?.rawValue ?? "",
                    "progress": String(status.progress), "source": status.source, "folder": job.folder,
                    "updatedAt": ISO8601.string(from: status.updatedAt), "error": status.error?.message ?? "",
                ]
                print(String(decoding: try encoder.encode(line), as: UTF8.self))
            } else {
                let detail = status.error?.message ?? status.step?.rawValue ?? ""
                print("\(status.id.padding(toLength: max(24, status.id.count), withPad: " ", startingAt: 0))  \(status.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(String(format: "%3d", status.progress))%  \(detail)")
            }
        }
    }
}

extension JobState: ExpressibleByArgument {}
