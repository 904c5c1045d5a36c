import ArgumentParser
import Foundation
import JobDocuments
import Operations

/// `cleanup --older-than AGE`: retention for finished jobs.
struct CleanupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cleanup",
        abstract: "Remove finished job folders older than AGE and mark them purged in the index.",
        discussion: """
        AGE is a number and a unit: 45s, 90m, 12h, 30d, 2w. A job's age counts from its finishedAt, else \
        from its folder's modification time. --state takes done, failed (failed and canceled jobs) and \
        canceled, comma-separated; the default is done,failed. Queued and running jobs are never removed.
        --json prints one object: dryRun, removed [{id, folder, state, since, basis, path}], errors.
        Exit codes: 0 done (nothing to remove is fine); 1 a folder could not be removed; 64 bad AGE or state.
        """)

    @OptionGroup var spool: SpoolOption
    @Option(help: "Remove jobs finished longer ago than this (30d, 12h, 90m).") var olderThan: String
    @Option(help: "Which finished jobs: done, failed, canceled (comma-separated).") var state: String = "done,failed"
    @Flag(help: "Only print what would be removed.") var dryRun = false
    @Flag(help: "Print one JSON object.") var json = false

    struct Report: Encodable {
        var dryRun: Bool
        var removed: [Cleanup.Candidate]
        var errors: [String]
    }

    func validate() throws {
        guard Cleanup.parseAge(olderThan) != nil else {
            throw ValidationError("--older-than '\(olderThan)': expected a number and a unit (s, m, h, d, w), e.g. 30d")
        }
        _ = try states()
    }

    private func states() throws -> Set<JobState> {
        var states = Set<JobState>()
        for name in state.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
            guard let parsed = JobState(rawValue: name), parsed.isFinal else {
                throw ValidationError("--state '\(name)': expected done, failed or canceled")
            }
            states.insert(parsed)
        }
        guard !states.isEmpty else { throw ValidationError("--state: name at least one of done, failed, canceled") }
        return states
    }

    func run() async throws {
        let age = Cleanup.parseAge(olderThan) ?? 0
        let states = try states()
        let cleanup = Cleanup(try await CommandContext.load(spool).operations)
        let now = Date()
        var removed: [Cleanup.Candidate] = []
        var errors: [String] = []
        for candidate in cleanup.candidates(olderThan: age, states: states, now: now) {
            let days = String(format: "%.1f", now.timeIntervalSince(candidate.since) / 86_400)
            let line = "\(candidate.folder)/\(candidate.id)  \(candidate.state.rawValue)  \(candidate.basis) \(ISO8601.string(from: candidate.since)) (\(days) days)"
            if dryRun {
                removed.append(candidate)
                if !json { print("would remove \(line)") }
                continue
            }
            do {
                try cleanup.remove(candidate)
                removed.append(candidate)
                if !json { print("removed \(line)") }
            } catch {
                errors.append("\(candidate.folder)/\(candidate.id): \(error)")
                CLIOutput.error("cannot remove \(candidate.path): \(error)")
            }
        }
        if !dryRun { cleanup.tidy() }
        if json {
            CLIOutput.json(Report(dryRun: dryRun, removed: removed, errors: errors))
        } else {
            print("\(dryRun ? "would remove" : "removed") \(removed.count) job\(removed.count == 1 ? "" : "s")")
        }
        if !errors.isEmpty { throw ExitCode.failure }
    }
}
