import FileSafety
import Foundation
import JobDocuments
import JobQueue

/// A job folder moved from `failed/` back into `inbox/` (SPEC rule 8): the retry a person makes with
/// `mv`. It is queued again for its next attempt, its finished steps reused — unless its last attempts
/// all failed the same way (the retry policy), in which case it goes back to `failed/` saying so.
extension FolderQueue {
    /// True when `inbox/NAME` is a job folder moved back in: a directory holding a `status.json`.
    /// Other directories are left alone (they may hold a project's images).
    public func isReturnedFolder(named name: String) -> Bool {
        guard !InboxNaming.isIgnored(name) else { return false }
        let folder = layout.inboxEntry(name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return FileManager.default.fileExists(atPath: StatusFile.url(in: folder).path)
    }

    /// The returned folder's status, if it parses (a folder still being copied in may not yet).
    public func returnedStatus(named name: String) -> JobStatus? { try? StatusFile.read(in: layout.inboxEntry(name)) }

    /// Claims a job folder moved back into the inbox. The job keeps its id unless another folder now
    /// has it (an id known only to the index is the same job coming back).
    public func claimReturnedFolder(named name: String, at now: Date = Date()) throws -> JobStatus {
        let source = layout.inboxEntry(name)
        let before = returnedStatus(named: name) ?? JobStatus(id: InboxNaming.baseID(forFileName: name), source: name, now: now)
        let wanted = InboxNaming.baseID(forFileName: before.id) == before.id ? before.id : InboxNaming.baseID(forFileName: name)
        let id = layout.hasFolder(for: wanted) ? ids.allocate(base: wanted) : wanted
        defer { ids.release([id]) }
        let hasProject = FileManager.default.fileExists(atPath: JobFiles(folder: source).project.path)
        var status = JobTransitions.returned(before, problem: hasProject ? nil : "the folder moved back into the inbox has no project.json",
                                             policy: policy, at: now)
        status.id = id
        let state = SpoolLayout.StateFolder(status.state)
        // Rebuilt under its staging name, so a crash in between is finished by recovery.
        let staging = layout.stagingFolder(id: id, in: state)
        try AtomicFile.move(source, to: staging)
        try? FileManager.default.removeItem(at: JobFiles(folder: staging).cancelRequest)
        do {
            try move(status, from: staging, to: layout.jobFolder(id: id, in: state), state: state)
        } catch {
            try? AtomicFile.move(staging, to: source)
            throw error
        }
        let final = layout.jobFolder(id: id, in: state)
        if let error = status.error {
            JobLog.append(.error, error.message, in: final)
            event(id, .error, error.message)
        } else {
            let line = "moved back into the inbox; queued again for attempt \(status.attempt)"
            JobLog.append(.retry, line, in: final)
            event(id, .retry, line)
        }
        return status
    }
}
