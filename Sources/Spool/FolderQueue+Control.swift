import FileSafety
import Foundation
import JobDocuments
import JobQueue

/// Cancel, retry and cleanup, as the CLI (and the HTTP API) ask for them. They work the same whether
/// a daemon runs or not (SPEC rule 8), and beside one: a waiting job is taken out of `queued/` by a
/// rename, which the daemon's start of the same job either wins or loses as a whole.
extension FolderQueue {
    public func cancel(id: String) async throws -> CancelOutcome {
        guard let found = layout.locate(jobID: id) else { throw JobQueueError.notFound(id) }
        let files = JobFiles(folder: found.folder)
        let daemonRuns = servesSpool || SpoolLock.holder(of: layout) != nil
        switch found.state {
        case .done, .failed:
            return .alreadyFinished(try StatusFile.read(in: found.folder))
        case .running where daemonRuns:
            try requestCancel(files)
            return .requested((try? StatusFile.read(in: found.folder)) ?? JobStatus(id: id, source: "unknown"))
        case .queued, .running:
            // The CANCEL file first: a daemon that starts the job meanwhile cancels it at once.
            try requestCancel(files)
            let staging = layout.stagingFolder(id: id, in: .failed)
            do {
                try AtomicFile.move(found.folder, to: staging)
            } catch {
                // The daemon took the job in between: the CANCEL file moved with it.
                if let moved = status(of: id), moved.state == .running { return .requested(moved.status) }
                throw error
            }
            let before = (try? StatusFile.read(in: staging)) ?? JobStatus(id: id, source: "unknown")
            var status = JobTransitions.canceledWhileWaiting(before, at: Date())
            status.id = id
            try? FileManager.default.removeItem(at: JobFiles(folder: staging).cancelRequest)
            try move(status, from: staging, to: layout.jobFolder(id: id, in: .failed), state: .failed)
            let line = "canceled while \(found.state.rawValue)"
            JobLog.append(.canceled, line, in: layout.jobFolder(id: id, in: .failed))
            event(id, .canceled, line)
            return .canceled(status)
        }
    }

    private func requestCancel(_ files: JobFiles) throws {
        try AtomicFile.write(Data("cancel requested \(ISO8601.string(from: Date()))\n".utf8), to: files.cancelRequest)
    }

    public func retry(id: String, from step: PipelineStep?) async throws -> JobStatus {
        guard let found = layout.locate(jobID: id) else { throw JobQueueError.notFound(id) }
        let before = try StatusFile.read(in: found.folder)
        guard found.state == .failed, before.state == .failed || before.state == .canceled else {
            throw JobQueueError.notRetryable(id: id, state: before.state)
        }
        // Rebuilt under its staging name: a crash in between leaves a folder that recovery publishes by
        // its status (failed before the rewrite, queued after).
        let staging = layout.stagingFolder(id: id, in: .queued)
        try AtomicFile.move(found.folder, to: staging)
        let files = JobFiles(folder: staging)
        do {
            try? FileManager.default.removeItem(at: files.cancelRequest)
            let removed = try step?.removeOutputs(fromHereOn: files) ?? []
            var status = JobTransitions.retried(before, from: step, at: Date())
            status.fillArtifacts(from: files)
            try move(status, from: staging, to: layout.jobFolder(id: id, in: .queued), state: .queued)
            let detail = step.map { " from \($0.rawValue) (removed \(removed.isEmpty ? "nothing" : removed.joined(separator: ", ")))" } ?? ""
            let line = "queued again for attempt \(status.attempt)\(detail)"
            JobLog.append(.retry, line, in: layout.jobFolder(id: id, in: .queued))
            event(id, .retry, line)
            return status
        } catch {
            try? AtomicFile.move(staging, to: found.folder)
            throw error
        }
    }

    /// Removes a finished job's folder and marks it purged in the index (`cleanup`). The folder is
    /// renamed to a hidden name first, so a half-deleted folder is never taken for a job.
    ///
    /// - Throws: ``JobQueueError/notFound(_:)`` when the job has no folder; a file system error when it
    ///   cannot be moved or deleted. Queued and running jobs are refused (``JobQueueError/notRetryable``
    ///   carries their state).
    public func purge(id: String, reason: String) throws {
        guard let found = layout.locate(jobID: id) else { throw JobQueueError.notFound(id) }
        guard found.state == .done || found.state == .failed else {
            throw JobQueueError.notRetryable(id: id, state: found.state == .queued ? .queued : .running)
        }
        let doomed = layout.purgeFolder(id: id, in: found.state)
        try AtomicFile.move(found.folder, to: doomed)
        try FileManager.default.removeItem(at: doomed)
        if (try? index?.markPurged(id: id)) == true {
            try? index?.appendEvent(jobID: id, kind: .purged, message: reason)
        }
    }

    /// Deletes what an interrupted cleanup left behind (hidden purge folders).
    public func removePurgeLeftovers() {
        for folder in layout.purgeLeftovers() { try? FileManager.default.removeItem(at: folder) }
    }
}
