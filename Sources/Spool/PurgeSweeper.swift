import Foundation
import JobDocuments
import JobIndex

/// Marks jobs purged whose folders were deleted from outside — a cron `find … -exec rm -rf`, an
/// operator — which is normal, not an error (SPEC rule 10). The index keeps their history.
public struct PurgeSweeper: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase

    public init(layout: SpoolLayout, index: JobIndexDatabase) {
        self.layout = layout
        self.index = index
    }

    /// Every job id with a folder now: published, being built under a staging name, or a job folder
    /// moved back into the inbox.
    public func presentIDs() -> Set<String> {
        var ids = Set<String>()
        for state in SpoolLayout.StateFolder.allCases {
            ids.formUnion(layout.jobIDs(in: state))
            ids.formUnion(layout.stagedIDs(in: state))
        }
        // A folder moved back into the inbox to be retried is not gone.
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: layout.inbox.path)) ?? [] where !entry.hasPrefix(".") {
            let folder = layout.inboxEntry(entry)
            guard FileManager.default.fileExists(atPath: StatusFile.url(in: folder).path) else { continue }
            ids.insert(entry)
            if let status = try? StatusFile.read(in: folder) { ids.insert(status.id) }
        }
        return ids
    }

    /// What a sweep found among the indexed jobs without a folder.
    public struct Result: Sendable {
        /// Marked purged now.
        public var marked: [String] = []
        /// Already marked before (a daemon need not look at them again).
        public var alreadyPurged: [String] = []
    }

    /// Marks purged every indexed job that has no folder and is not purged yet; ids in `skip` (already
    /// handled by this process) are not looked at again.
    public func sweep(skip: Set<String> = []) throws -> Result {
        // Listed before the index is read: a job claimed in between is in the index but not in this
        // listing, so it is checked against the folders once more below before being marked.
        let present = presentIDs()
        var missing = try index.allJobIDs().subtracting(present).subtracting(skip)
        var result = Result()
        guard !missing.isEmpty else { return result }
        // Many candidates (an old spool's history): one read of the live jobs beats one lookup each.
        let live: Set<String>?
        if missing.count > 200 {
            let ids = Set(try index.jobs(limit: Int.max).map(\.id))
            result.alreadyPurged = Array(missing.subtracting(ids))
            missing.formIntersection(ids)
            live = ids
        } else {
            live = nil
        }
        for id in missing.sorted() {
            if live == nil {
                guard let job = try index.job(id: id) else { continue }
                if job.purged {
                    result.alreadyPurged.append(id)
                    continue
                }
            }
            guard !layout.hasFolder(for: id) else { continue }
            try index.markPurged(id: id)
            try? index.appendEvent(jobID: id, kind: .purged, message: "the job folder was removed from outside")
            result.marked.append(id)
        }
        return result
    }
}
