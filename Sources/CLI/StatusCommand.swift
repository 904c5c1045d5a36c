import ArgumentParser
import Foundation
import JobIndex
import ProjectModel
import Spool

/// `status [JOB] [--wait] [--json]`.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the spool's counts, or one job's status.",
        discussion: """
        With JOB and --wait, blocks until the job is finished: exit 0 when done, 2 when failed, 3 when \
        canceled, 5 when --timeout passes first. An unknown JOB, or one whose folder was purged, exits 4.
        """)

    @OptionGroup var spool: SpoolOption
    @Argument(help: "A job id.") var job: String?
    @Flag(help: "Block until the job is finished.") var wait = false
    @Option(help: "With --wait: give up after this many seconds.") var timeout: Double?
    @Flag(help: "Print status.json (with JOB) or the counts as JSON.") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        guard let id = job else {
            try printCounts(layout)
            return
        }
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        while true {
            guard let status = JobLookup.status(of: id, in: layout) else {
                if let purged = JobLookup.purged(id, in: layout) {
                    CLIOutput.error("job '\(id)' was purged: its folder \(purged.folder)/\(id) was removed (last state \(purged.state.rawValue))")
                } else {
                    CLIOutput.error("no job '\(id)' in \(layout.root.path)")
                }
                throw ExitStatus.notFound
            }
            if !wait || status.state.isFinal {
                try printStatus(status, layout: layout)
                switch status.state {
                case .failed where wait: throw ExitStatus.failed
                case .canceled where wait: throw ExitStatus.canceled
                default: return
                }
            }
            if let deadline, Date() >= deadline {
                try printStatus(status, layout: layout)
                throw ExitStatus.timedOut
            }
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    private func printStatus(_ status: JobStatus, layout: SpoolLayout) throws {
        if json {
            let data = try JobStatus.makeEncoder().encode(status)
            print(String(decoding: data, as: UTF8.self))
            return
        }
        let folder = layout.locate(jobID: status.id)?.folder
        print("\(status.id)  \(status.state.rawValue)  \(status.progress)%\(status.step.map { "  step \($0.rawValue)" } ?? "")  attempt \(status.attempt)")
        print("  source   \(status.source)")
        if let folder { print("  folder   \(folder.path)") }
        if let video = status.artifacts.video, let folder { print("  video    \(folder.appending(path: video).path)") }
        if let error = status.error { print("  error    \(error.step.map { "[\($0)] " } ?? "")\(error.message)") }
        for step in status.steps {
            let seconds = step.seconds.map { String(format: "%.2f s", $0) } ?? ""
            print("  \(step.name.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(step.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(seconds)\(step.cached ? " (cached)" : "")")
        }
    }

    private func printCounts(_ layout: SpoolLayout) throws {
        var counts: [String: Int] = [:]
        if let index = try? JobIndexDatabase.openReadOnly(path: layout.indexFile.path), let indexed = try? index.counts() {
            for (state, count) in indexed { counts[state.rawValue] = count }
        } else {
            for name in SpoolLayout.stateFolderNames { counts[name] = layout.jobIDs(inFolder: name).count }
        }
        let inbox = ((try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? []).filter { InboxNaming.kind(of: $0) != nil }.count
        if json {
            var object: [String: Any] = counts
            object["inbox"] = inbox
            object["paused"] = layout.isPaused
            let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("spool \(layout.root.path)\(layout.isPaused ? "  (PAUSED)" : "")")
        print("  inbox    \(inbox)")
        for state in JobState.allCases {
            print("  \(state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(counts[state.rawValue] ?? 0)")
        }
    }
}

/// Finds a job's status: the status file in its folder is the truth; the index says where it is.
enum JobLookup {
    static func status(of id: String, in layout: SpoolLayout) -> JobStatus? {
        // The folder first: it is the truth, and reading it costs no database open (a script polling
        // `status JOB` beside a busy daemon gets its answer in the time the process takes to start).
        if let found = layout.locate(jobID: id), let status = try? StatusFile.read(in: found.folder) { return status }
        // Not found: moving between state folders at that instant, or purged. Ask the index where.
        if let indexed = try? JobIndexDatabase.openReadOnly(path: layout.indexFile.path), let job = try? indexed.job(id: id) {
            let folder = layout.folder(named: job.folder).appending(path: id, directoryHint: .isDirectory)
            if let status = try? StatusFile.read(in: folder) { return status }
        }
        if let found = layout.locate(jobID: id), let status = try? StatusFile.read(in: found.folder) { return status }
        return nil
    }

    /// The index's last word on a job whose folder was removed (cleanup by age), if it was.
    static func purged(_ id: String, in layout: SpoolLayout) -> IndexedJob? {
        guard let index = try? JobIndexDatabase.openReadOnly(path: layout.indexFile.path),
              let job = try? index.job(id: id), job.purged else { return nil }
        return job
    }
}
