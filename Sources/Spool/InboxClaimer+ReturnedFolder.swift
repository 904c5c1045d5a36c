import FileSafety
import Foundation
import ProjectModel

extension InboxClaimer {
    /// True when `inbox/NAME` is a job folder moved back in to be retried (SPEC rule 8): a directory
    /// holding a `status.json`. Other directories are left alone (they may hold a project's images).
    public func isReturnedFolder(named name: String) -> Bool {
        guard !InboxNaming.isIgnored(name) else { return false }
        let folder = layout.inbox.appending(path: name, directoryHint: .isDirectory)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return FileManager.default.fileExists(atPath: StatusFile.url(in: folder).path)
    }

    /// Claims a job folder moved back into the inbox: it is queued again for its next attempt, its
    /// finished steps reused — unless its last attempts all failed the same way (`policy`), in which
    /// case it goes back to `failed/` saying so. The job keeps its id unless another folder now has it.
    public func claimReturnedFolder(named name: String, policy: RetryPolicy, now: Date = Date()) throws -> ClaimedJob {
        let source = layout.inbox.appending(path: name, directoryHint: .isDirectory)
        let read = try? StatusFile.read(in: source)
        var status = read ?? JobStatus(id: InboxNaming.baseID(forFileName: name), source: name, now: now)
        let wanted = InboxNaming.baseID(forFileName: status.id) == status.id ? status.id : InboxNaming.baseID(forFileName: name)
        let id = layout.locate(jobID: wanted) == nil && !stagingExists(id: wanted)
            ? wanted : InboxNaming.uniqueID(base: wanted, isTaken: { layout.locate(jobID: $0) != nil || stagingExists(id: $0) || isIndexed($0) })
        status.id = id
        try? FileManager.default.removeItem(at: source.appending(path: "CANCEL"))
        if !FileManager.default.fileExists(atPath: source.appending(path: "project.json").path) {
            status.state = .failed
            status.finishedAt = now
            status.updatedAt = now
            status.error = .init(step: nil, message: "the folder moved back into the inbox has no project.json", retryable: false)
        } else if let repeated = policy.repeatedFailure(in: status) {
            status.state = .failed
            status.finishedAt = now
            status.updatedAt = now
            status.error = policy.givingUp(on: repeated)
        } else {
            status.prepareRetry(now: now)
        }
        // Staged under the claim prefix, so a crash in between is finished by ``recoverStaging()``.
        let stateFolder = layout.folder(for: status.state)
        let staging = stateFolder.appending(path: ".claim-\(id)", directoryHint: .isDirectory)
        try AtomicFile.move(source, to: staging)
        do {
            try StatusFile.write(status, in: staging)
        } catch {
            try? AtomicFile.move(staging, to: source)
            throw error
        }
        let final = stateFolder.appending(path: id, directoryHint: .isDirectory)
        try AtomicFile.move(staging, to: final)
        return ClaimedJob(status: status, folder: final, project: nil)
    }

    private func stagingExists(id: String) -> Bool {
        SpoolLayout.stateFolderNames.contains {
            FileManager.default.fileExists(atPath: layout.folder(named: $0).appending(path: ".claim-\(id)").path)
        }
    }
}
