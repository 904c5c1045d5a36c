import FileSafety
import Foundation
import JobDocuments
import JobQueue
import ProjectModel

/// `.jsonl` batches: one job per non-blank line, `NAME-0001`, `NAME-0002`, … (or `NAME-0001-2` when a
/// batch of the same name came before); a bad line becomes its own failed job whose message starts
/// with its line number.
///
/// The batch moves into `queued/.split-TOKEN/` first, every line is given its id there and the
/// assignments are written durably (``BatchSplit``), and only then are lines staged and published, a
/// chunk at a time. A crash at any point is finished at the next start by reading the assignments
/// back: each line becomes exactly one job, under the id it was given.
extension FolderQueue {
    /// Claims the batch `inbox/NAME`; `sourceName` is the name it is known by when the inbox name is a
    /// hidden one (`submit`). Returns the jobs, in line order.
    public func claimBatch(named inboxName: String, as sourceName: String? = nil, at now: Date = Date()) throws -> [JobStatus] {
        let split = try BatchSplit.begin(in: layout, moving: layout.inboxEntry(inboxName), sourceName: sourceName ?? inboxName)
        return try finishSplit(split, at: now)
    }

    /// Gives every line its id (recorded before anything is staged), or reads the ids given before an
    /// interruption, then publishes the lines that have no job yet and removes the split.
    func finishSplit(_ split: BatchSplit, at now: Date) throws -> [JobStatus] {
        let sourceName = split.sourceName
        let lines = try split.lines()
        let assignments: [BatchSplit.Assignment]
        if let recorded = split.assignments() {
            assignments = recorded
        } else {
            let base = InboxNaming.baseID(forFileName: sourceName)
            assignments = lines.map { line in
                let suffix = String(format: "-%04d", line.number)
                return .init(line: line.number, id: ids.allocate(base: String(base.prefix(100 - suffix.count)) + suffix))
            }
            try split.record(assignments)
        }
        defer { ids.release(assignments.map(\.id)) }
        let text = Dictionary(lines.map { ($0.number, $0.text) }, uniquingKeysWith: { first, _ in first })
        var publisher = makePublisher()
        for assignment in assignments {
            // Published (or staged and published by recovery) before the interruption: it is done.
            guard !layout.hasFolder(for: assignment.id), let line = text[assignment.line] else { continue }
            let verdict = Self.judge(line: line, number: assignment.line)
            let status = JobTransitions.claimed(id: assignment.id, source: BatchSplit.source(sourceName, line: assignment.line),
                                                priority: verdict.priority, refusal: verdict.refusal, at: now)
            try publisher.stage(status) { staging in
                try AtomicFile.writeInPlace(line, to: JobFiles(folder: staging).project)
            }
        }
        let published = publisher.publish()
        if let failure = published.errors.first { throw failure.error }
        claimed(published.jobs, kind: .claimed) { "claimed from \($0.source)" }
        split.remove()
        return published.jobs
    }

    /// One line judged as a project; a refusal names the line.
    static func judge(line: Data, number: Int) -> InboxJudge.Verdict {
        do {
            return .good(try ProjectFileParser.parse(line))
        } catch var error {
            error.line = number
            return .bad(error.description)
        }
    }
}
