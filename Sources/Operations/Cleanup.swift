import Foundation
import JobDocuments
import JobQueue
import Spool

/// `cleanup --older-than AGE`: removes finished job folders by age and marks them purged in the index,
/// as a cron `find spool/done -mtime +30 -exec rm -rf` would, but by the job's own finish time.
public struct Cleanup: Sendable {
    public let operations: SpoolOperations

    public init(_ operations: SpoolOperations) { self.operations = operations }

    public struct Candidate: Sendable, Codable, Equatable {
        public var id: String
        /// `done` or `failed`: the state folder.
        public var folder: String
        public var state: JobState
        /// The time the age is counted from: `finishedAt`, else the folder's mtime.
        public var since: Date
        public var basis: String
        public var path: String
    }

    /// The finished jobs in the state folders of `states` (done, failed, canceled; failed includes
    /// canceled) older than `age` seconds at `now`, oldest first.
    public func candidates(olderThan age: TimeInterval, states: Set<JobState>, now: Date = Date()) -> [Candidate] {
        let layout = operations.layout
        var wanted = states
        if wanted.contains(.failed) { wanted.insert(.canceled) }
        var found: [Candidate] = []
        for folderState in [SpoolLayout.StateFolder.done, .failed] {
            for id in layout.jobIDs(in: folderState) {
                let folder = layout.jobFolder(id: id, in: folderState)
                let status = try? StatusFile.read(in: folder)
                let state = status?.state ?? (folderState == .done ? .done : .failed)
                guard wanted.contains(state) else { continue }
                let since: Date, basis: String
                if let finished = status?.finishedAt {
                    (since, basis) = (finished, "finishedAt")
                } else if let modified = (try? FileManager.default.attributesOfItem(atPath: folder.path))?[.modificationDate] as? Date {
                    (since, basis) = (modified, "mtime")
                } else {
                    continue
                }
                guard now.timeIntervalSince(since) > age else { continue }
                found.append(Candidate(id: id, folder: folderState.rawValue, state: state, since: since, basis: basis, path: folder.path))
            }
        }
        return found.sorted { $0.since < $1.since }
    }

    /// Removes a candidate's folder and marks the job purged.
    public func remove(_ candidate: Candidate) throws {
        try operations.queue.purge(id: candidate.id, reason: "removed by cleanup (\(candidate.basis) \(ISO8601.string(from: candidate.since)))")
    }

    /// Deletes what an interrupted cleanup left, and marks purged the jobs whose folders someone else
    /// deleted, as the daemon's sweep would.
    public func tidy() {
        operations.queue.removePurgeLeftovers()
        if let index = operations.queue.index { _ = try? PurgeSweeper(layout: operations.layout, index: index).sweep() }
    }

    /// `30d`, `12h`, `90m`, `45s`, `2w` in seconds; nil for anything else.
    public static func parseAge(_ text: String) -> TimeInterval? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let value = Double(trimmed.dropLast()), value >= 0, value.isFinite else { return nil }
        switch unit {
        case "s": return value
        case "m": return value * 60
        case "h": return value * 3600
        case "d": return value * 86_400
        case "w": return value * 604_800
        default: return nil
        }
    }
}
