import FileSafety
import Foundation
import JobIndex
import ProjectModel
import Spool

/// `cleanup --older-than AGE`: removes finished job folders by age and marks them purged in the
/// index, as a cron `find spool/done -mtime +30 -exec rm -rf` would, but by the job's own finish time.
public struct SpoolCleanup: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase?

    public init(layout: SpoolLayout, index: JobIndexDatabase?) {
        self.layout = layout
        self.index = index
    }

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
        var wanted = states
        if wanted.contains(.failed) { wanted.insert(.canceled) }
        var found: [Candidate] = []
        for folderName in ["done", "failed"] {
            for id in layout.jobIDs(inFolder: folderName) {
                let folder = layout.folder(named: folderName).appending(path: id, directoryHint: .isDirectory)
                let status = try? StatusFile.read(in: folder)
                let state = status?.state ?? (folderName == "done" ? .done : .failed)
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
                found.append(Candidate(id: id, folder: folderName, state: state, since: since, basis: basis, path: folder.path))
            }
        }
        return found.sorted { $0.since < $1.since }
    }

    /// Removes a job folder and marks the job purged. The folder is first renamed to a hidden name,
    /// so a half-deleted folder is never taken for a job.
    public func remove(_ candidate: Candidate) throws {
        let folder = URL(filePath: candidate.path, directoryHint: .isDirectory)
        let doomed = folder.deletingLastPathComponent().appending(path: ".purge-\(candidate.id)-\(UInt32.random(in: 0...UInt32.max))")
        try AtomicFile.move(folder, to: doomed)
        try FileManager.default.removeItem(at: doomed)
        if (try? index?.markPurged(id: candidate.id)) == true {
            try? index?.appendEvent(jobID: candidate.id, kind: "purged", message: "removed by cleanup (\(candidate.basis) \(ISO8601.string(from: candidate.since)))")
        }
    }

    /// Deletes what an interrupted cleanup left behind (hidden `.purge-*` folders).
    public func removeLeftovers() {
        for folderName in ["done", "failed"] {
            let parent = layout.folder(named: folderName)
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(".purge-") {
                try? FileManager.default.removeItem(at: parent.appending(path: entry))
            }
        }
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
