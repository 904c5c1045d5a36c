import Foundation
import GRDB
import JobDocuments
import Synchronization

extension JobIndexDatabase {
    /// Records the current status of one job, found in the state folder `folder`.
    ///
    /// In one transaction: inserts or updates the job's `jobs` row (every column, `statusJSON`
    /// included, and clears `purged`: a job being recorded has a folder), then replaces all its
    /// `steps` and `artifacts` rows with those of `status`. Readers see the old or the new job,
    /// never a mix. Events are untouched.
    ///
    /// - Parameters:
    ///   - status: the job's status, as just written to its `status.json`.
    ///   - folder: the state folder name the job is in (`queued`, `running`, `done`, `failed`).
    /// - Throws: an `EncodingError` if `status` does not encode (then nothing is written); a GRDB
    ///   `DatabaseError` if SQLite fails, including when the index is read-only.
    public func record(_ status: JobStatus, folder: String) throws {
        try recordMany([(status, folder)])
    }

    /// Records many jobs at once, as ``record(_:folder:)`` does for each, in ONE transaction:
    /// either every item is recorded or none is. Use it for bulk claims and rebuilds (see the
    /// tests for timings with 10,000 jobs).
    ///
    /// When an id appears more than once, its last item wins. Status documents are encoded before
    /// the transaction starts (on every core for large batches), so the write lock is held only for
    /// the SQL, and rows are written with multi-row statements.
    ///
    /// - Parameter items: pairs of a job status and the state folder name it is in.
    /// - Throws: as ``record(_:folder:)``.
    /// Records one job whose status is already encoded by `JobStatus.makeEncoder()` (`status.json`'s
    /// bytes), as ``record(_:folder:)`` does, without encoding it again.
    public func record(_ status: JobStatus, encoded: Data, folder: String) throws {
        let batch = RecordBatch(encodedItems: [(status, String(decoding: encoded, as: UTF8.self), folder)])
        try writeTurn(superseding: batch.ids) { db in
            try batch.write(db)
        }
    }

    public func recordMany(_ items: [(JobStatus, String)]) throws {
        guard !items.isEmpty else { return }
        let batch = try RecordBatch(items)
        try writeTurn(superseding: batch.ids) { db in
            try batch.write(db)
        }
    }
}

/// The rows one ``JobIndexDatabase/recordMany(_:)`` writes, prepared outside the transaction.
struct RecordBatch: Sendable {
    var ids: [String] = []
    var jobs: [[DatabaseValue]] = []
    var steps: [[DatabaseValue]] = []
    var artifacts: [[DatabaseValue]] = []

    /// JSON encoding is most of the cost of a bulk record, so large batches are encoded on every
    /// core, each given at least this many jobs; smaller batches on the calling thread.
    private static let parallelThreshold = 1000

    init(_ items: [(JobStatus, String)]) throws {
        // Last item wins: keep only the last occurrence of each id, in order.
        var lastIndex: [String: Int] = [:]
        lastIndex.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            lastIndex[item.0.id] = index
        }
        let kept = items.indices.filter { lastIndex[items[$0].0.id] == $0 }

        let workers = min(ProcessInfo.processInfo.activeProcessorCount, kept.count / Self.parallelThreshold)
        guard workers > 1 else {
            try append(items, kept[...])
            return
        }
        let chunkSize = (kept.count + workers - 1) / workers
        let parts = Mutex([Int: Result<RecordBatch, any Error>]())
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let range = (worker * chunkSize)..<min((worker + 1) * chunkSize, kept.count)
            let part = Result { () throws -> RecordBatch in
                var part = RecordBatch()
                try part.append(items, kept[range])
                return part
            }
            parts.withLock { $0[worker] = part }
        }
        let results = parts.withLock { $0 }
        for worker in 0..<workers {
            let part = try results[worker]!.get()
            ids += part.ids
            jobs += part.jobs
            steps += part.steps
            artifacts += part.artifacts
        }
    }

    private init() {}

    /// The rows of statuses already encoded (`json`), each id at most once.
    init(encodedItems: some Sequence<(status: JobStatus, json: String, folder: String)>) {
        for (status, json, folder) in encodedItems {
            ids.append(status.id)
            jobs.append(JobRow(status: status, folder: folder, statusJSON: json).databaseValues)
            steps += status.steps.map { StepRow(jobID: status.id, record: $0).databaseValues }
            artifacts += ArtifactRow.rows(jobID: status.id, artifacts: status.artifacts).map(\.databaseValues)
        }
    }

    /// Appends the rows of `items[indices]`, in order.
    private mutating func append(_ items: [(JobStatus, String)], _ indices: ArraySlice<Int>) throws {
        let encoder = JobStatus.makeEncoder()
        ids.reserveCapacity(ids.count + indices.count)
        jobs.reserveCapacity(jobs.count + indices.count)
        for index in indices {
            let (status, folder) = items[index]
            ids.append(status.id)
            jobs.append(try JobRow(status: status, folder: folder, encoder: encoder).databaseValues)
            for record in status.steps {
                steps.append(StepRow(jobID: status.id, record: record).databaseValues)
            }
            for artifact in ArtifactRow.rows(jobID: status.id, artifacts: status.artifacts) {
                artifacts.append(artifact.databaseValues)
            }
        }
    }

    /// Replaces the batch's jobs, steps and artifacts. Must run inside a transaction.
    ///
    /// Old steps and artifacts go first; the job rows are upserted (which keeps existing rows, so
    /// nothing cascades) before the new steps and artifacts that reference them.
    func write(_ db: Database) throws {
        try db.deleteRows(from: "steps", where: "jobId", in: ids)
        try db.deleteRows(from: "artifacts", where: "jobId", in: ids)
        try JobRow.upsert.execute(db, rows: jobs)
        try StepRow.insert.execute(db, rows: steps)
        try ArtifactRow.insert.execute(db, rows: artifacts)
    }
}
