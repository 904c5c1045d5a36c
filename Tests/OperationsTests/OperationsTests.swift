import Foundation
import JobDocuments
import JobIndex
import JobQueue
import Operations
import Spool
import Testing

@Suite("Operations: what the CLI and the HTTP API ask of a spool")
struct OperationsTests {
    let layout: SpoolLayout
    let index: JobIndexDatabase
    let operations: SpoolOperations

    init() throws {
        layout = SpoolLayout(root: FileManager.default.temporaryDirectory.appending(path: "operations-\(UUID().uuidString.prefix(8))"))
        try layout.create()
        index = try JobIndexDatabase(path: layout.indexFile.path)
        operations = SpoolOperations(queue: FolderQueue(layout: layout, index: index))
    }

    /// A job that went through the queue: claimed, then (for done/failed) run and finished.
    @discardableResult
    private func job(_ id: String, ending outcome: JobOutcome?, finishedAt: Date? = nil) async throws -> JobStatus {
        try Data(#"{"topic": "\#(id)"}"#.utf8).write(to: layout.inboxEntry("\(id).json"))
        let queue = operations.queue
        _ = queue.claim([InboxFile(name: "\(id).json", verdict: InboxJudge.judge(fileAt: layout.inboxEntry("\(id).json")))])
        guard let outcome else { return try #require(queue.status(of: id)?.status) }
        let lease = try #require(try await queue.start(id))
        var final = try await queue.finish(lease, status: lease.status, as: outcome)
        if let finishedAt {
            final.finishedAt = finishedAt
            try index.record(final, folder: SpoolLayout.StateFolder(final.state).rawValue)
            // Aged the way time would age it: status.json says when it finished.
            try JobStatus.makeEncoder().encode(final).write(to: StatusFile.url(in: layout.jobFolder(id: id, state: final.state)))
        }
        return final
    }

    @Test("status reads the folder; a purged job is known by the index; counts leave purged jobs out")
    func statusAndCounts() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("waiting", ending: nil)
        try await job("finished", ending: .done)
        #expect(operations.status(of: "waiting")?.state == .queued && operations.status(of: "finished")?.state == .done)
        try FileManager.default.removeItem(at: layout.jobFolder(id: "finished", in: .done))
        _ = try PurgeSweeper(layout: layout, index: index).sweep()
        #expect(operations.status(of: "finished") == nil && operations.purgedJob("finished")?.state == .done)
        let counts = operations.counts()
        #expect(counts.queued == 1 && counts.done == 0 && !counts.paused && counts.inbox == 0)
    }

    @Test("list --json: numbers are numbers, a missing error is null, every key is there")
    func listShape() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("ok", ending: .done)
        try await job("broke", ending: .failed(.init(step: "render", message: "boom", retryable: true)))
        let jobs = try operations.list()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        for summary in jobs {
            let object = try #require(try JSONSerialization.jsonObject(with: encoder.encode(summary)) as? [String: Any])
            #expect(object["progress"] is NSNumber && !(object["progress"] is String))
            #expect(Set(object.keys) == ["id", "state", "status", "step", "progress", "attempt", "priority", "source", "folder",
                                         "createdAt", "updatedAt", "finishedAt", "error"])
            if summary.id == "ok" { #expect(object["error"] is NSNull && summary.progress == 100) }
            if summary.id == "broke" { #expect((object["error"] as? [String: Any])?["message"] as? String == "boom") }
        }
    }

    @Test("cleanup picks finished jobs older than the age only, and removes them leaving nothing hidden")
    func cleanup() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let old = Date(timeIntervalSinceNow: -40 * 86_400)
        try await job("old", ending: .done, finishedAt: old)
        try await job("new", ending: .done)
        try await job("old-canceled", ending: .canceled(step: nil), finishedAt: old)
        try await job("waiting", ending: nil)
        let cleanup = Cleanup(operations)
        #expect(cleanup.candidates(olderThan: 30 * 86_400, states: [.done, .failed]).map(\.id).sorted() == ["old", "old-canceled"])
        #expect(cleanup.candidates(olderThan: 30 * 86_400, states: [.canceled]).map(\.id) == ["old-canceled"])
        for candidate in cleanup.candidates(olderThan: 30 * 86_400, states: [.done]) { try cleanup.remove(candidate) }
        #expect(layout.locate(jobID: "old") == nil && layout.locate(jobID: "new") != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.folder(.done).path) == ["new"], "no hidden leftovers")
        #expect(try index.job(id: "old")?.purged == true)
    }

    @Test("ages: a number and a unit")
    func ages() {
        #expect(Cleanup.parseAge("30d") == TimeInterval(30 * 86_400))
        #expect(Cleanup.parseAge("12h") == TimeInterval(12 * 3600))
        #expect(Cleanup.parseAge("1.5w") == 1.5 * 604_800)
        for bad in ["30", "d", "-1d", "30 days", "3x", ""] { #expect(Cleanup.parseAge(bad) == nil, "\(bad)") }
    }

    @Test("backup writes a consistent copy that passes integrity_check and holds the jobs; reindex rebuilds a lost index")
    func backupAndReindex() async throws {
        defer { try? FileManager.default.removeItem(at: layout.root) }
        try await job("kept", ending: .done)
        let folder = layout.root.appending(path: "backups", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let copy = try Backup.copyIndex(of: operations, to: folder)
        #expect(copy.lastPathComponent.hasPrefix("index-") && copy.pathExtension == "sqlite")
        let restored = try JobIndexDatabase.openReadOnly(path: copy.path)
        #expect(try restored.integrityCheck() == "ok" && (try restored.job(id: "kept")) != nil)

        try index.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: layout.indexFile.path + suffix) }
        let report = try SpoolOperations.open(spool: layout.root).reindex()
        #expect(report.indexed == ["queued": 0, "running": 0, "done": 1, "failed": 0])
        #expect(try JobIndexDatabase.openReadOnly(path: layout.indexFile.path).job(id: "kept")?.state == .done)
    }
}
