import Foundation
import JobDocuments
import JobIndex
import JobQueue
import Spool

/// A fresh spool in a temporary folder, with its index and queue, for one test.
struct SpoolFixture {
    let layout: SpoolLayout
    let index: JobIndexDatabase
    let queue: FolderQueue

    init(servesSpool: Bool = false, policy: RetryPolicy = RetryPolicy()) throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "spool-\(UUID().uuidString.prefix(8))"))
        try layout.create()
        index = try JobIndexDatabase(path: layout.indexFile.path)
        queue = FolderQueue(layout: layout, index: index, policy: policy, servesSpool: servesSpool)
    }

    func remove() { try? FileManager.default.removeItem(at: layout.root) }

    /// Writes `text` into the inbox as `name`.
    func drop(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: layout.inboxEntry(name))
    }

    /// Drops and claims one project file; returns its status.
    func claim(_ name: String, _ text: String) throws -> JobStatus {
        try drop(name, text)
        let (jobs, errors) = queue.claim([InboxFile(name: name, verdict: InboxJudge.judge(fileAt: layout.inboxEntry(name)))])
        if let error = errors.first?.error { throw error }
        return jobs[0]
    }

    /// The state folder the index last recorded for `id`.
    func indexedFolder(_ id: String) throws -> String? {
        index.flushDeferredQuietly()
        return try index.job(id: id)?.folder
    }

    /// Every visible job id in every state folder.
    var allJobIDs: [String] {
        SpoolLayout.StateFolder.allCases.flatMap { layout.jobIDs(in: $0) }.sorted()
    }

    /// Hidden entries (work in progress) left in the state folders.
    var leftovers: [String] {
        SpoolLayout.StateFolder.allCases.flatMap { state in
            ((try? FileManager.default.contentsOfDirectory(atPath: layout.folder(state).path)) ?? []).filter { $0.hasPrefix(".") }
        }
    }
}

extension JobIndexDatabase {
    func flushDeferredQuietly() { try? flushDeferred() }
}
