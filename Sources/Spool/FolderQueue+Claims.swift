import FileSafety
import Foundation
import JobDocuments
import JobQueue
#if canImport(Glibc)
import Glibc
#endif

/// An inbox file judged and ready to be claimed.
public struct InboxFile: Sendable {
    /// Its name in `inbox/`.
    public var name: String
    /// The name the job is known by (`source` in its status): the same as ``name``, except for files
    /// written into the inbox under a hidden name by `submit`.
    public var sourceName: String
    public var verdict: InboxJudge.Verdict

    public init(name: String, sourceName: String? = nil, verdict: InboxJudge.Verdict) {
        self.name = name
        self.sourceName = sourceName ?? name
        self.verdict = verdict
    }
}

/// Claims from the inbox (SPEC rules 3, 4 and 9): a file is renamed into a job folder — `queued/ID`
/// when it parsed, `failed/ID` with the reason when it did not — so it leaves the inbox exactly once,
/// and a job folder never appears without its status file.
extension FolderQueue {
    /// Claims many `.json` files at once (a burst of drops), with one flush per chunk
    /// (``BulkPublisher``). Each file is claimed, or left in the inbox with its error returned by name
    /// (a full disk, say: a later scan claims it once the problem is gone).
    public func claim(_ files: [InboxFile], at now: Date = Date()) -> (jobs: [JobStatus], errors: [(name: String, error: any Error)]) {
        var publisher = makePublisher()
        var errors: [(name: String, error: any Error)] = []
        var names: [String: String] = [:]
        var allocated: [String] = []
        for file in files {
            let source = layout.inboxEntry(file.name)
            let id = ids.allocate(forFileName: file.sourceName)
            allocated.append(id)
            let status = JobTransitions.claimed(id: id, source: file.sourceName, priority: file.verdict.priority,
                                                refusal: file.verdict.refusal, at: now)
            let staged = layout.stagingFolder(id: id, in: SpoolLayout.StateFolder(status.state)).appending(path: "project.json")
            do {
                try publisher.stage(status, fill: { _ in
                    guard rename(source.path, staged.path) == 0 else { throw FileSystemError("cannot move \(source.path) to \(staged.path)", errno) }
                }, undo: {
                    // Back into the inbox, so a later scan claims it once the problem is gone.
                    if FileManager.default.fileExists(atPath: staged.path) { _ = rename(staged.path, source.path) }
                })
                names[id] = file.name
            } catch {
                errors.append((file.name, error))
            }
        }
        let published = publisher.publish()
        ids.release(allocated)
        errors += published.errors.map { (names[$0.id] ?? $0.id, $0.error) }
        claimed(published.jobs, kind: .claimed) { "claimed from \($0.source)" }
        return (published.jobs, errors)
    }

    /// `submit FILE`: queues a project or a batch given as bytes, through the same claim as a drop.
    /// The bytes are written into the inbox under a hidden name the daemon ignores, then claimed.
    public func submit(_ data: Data, named name: String) throws -> [JobStatus] {
        try layout.create()
        let hidden = ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        try AtomicFile.write(data, to: layout.inboxEntry(hidden))
        switch InboxNaming.kind(of: name) {
        case .batch?:
            return try claimBatch(named: hidden, as: name)
        case .project?, nil:
            let (jobs, errors) = claim([InboxFile(name: hidden, sourceName: name, verdict: InboxJudge.judge(data))])
            if let error = errors.first?.error {
                try? FileManager.default.removeItem(at: layout.inboxEntry(hidden))
                throw error
            }
            return jobs
        }
    }

    func makePublisher() -> BulkPublisher {
        BulkPublisher(layout: layout, index: { [self] items in record(items) }, unindex: { [self] ids in
            for id in ids { _ = try? index?.delete(id: id) }
        })
    }

    /// The events and caches of newly claimed jobs.
    func claimed(_ jobs: [JobStatus], kind: JobEventKind, _ message: (JobStatus) -> String) {
        noteWaiting(jobs)
        let now = Date()
        for job in jobs {
            if let error = job.error {
                index?.appendEventSoon(jobID: job.id, kind: .error, message: error.message, at: now)
            } else {
                index?.appendEventSoon(jobID: job.id, kind: kind, message: message(job), at: now)
            }
        }
    }
}
