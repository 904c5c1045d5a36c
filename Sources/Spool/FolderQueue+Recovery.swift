import FileSafety
import Foundation
import JobDocuments
import JobQueue

/// Start-up recovery of the folder queue. One daemon serves a spool (``SpoolLock``), so whatever a
/// previous process left half done is this daemon's to finish, before it claims or starts anything:
/// 1. job folders still under a staging name (a claim, retry or returned folder cut short) are published;
/// 2. batches whose split was cut short are split to the end, every line under the id it was given;
/// 3. jobs found in `running/` go back to `queued/` with `attempt + 1`, or to `failed/` as a poison pill;
/// 4. job folders the index has never heard of are recorded.
extension FolderQueue {
    public func recoverAbandoned(_ context: RecoveryContext) async throws -> [RecoveredJob] {
        let splits = layout.splitFolders().map(BatchSplit.init(folder:))
        // Ids the splits gave out: reserved before anything is allocated, and the source of a staged
        // line whose status a power cut lost.
        var sources: [String: String] = [:]
        // Lines whose batch is still there: staged again from it, never published from a staging
        // folder a kill may have left with half a project.json.
        var restageable: Set<String> = []
        for split in splits {
            let name = split.sourceName
            let hasBatch = FileManager.default.fileExists(atPath: split.batch.path)
            for assignment in split.assignments() ?? [] {
                sources[assignment.id] = BatchSplit.source(name, line: assignment.line)
                if hasBatch { restageable.insert(assignment.id) }
            }
        }
        ids.reserve(sources.keys)
        defer { ids.release(sources.keys) }

        var recovered = try publishStaged(sources: sources, restageable: restageable)
        for split in splits {
            guard FileManager.default.fileExists(atPath: split.batch.path) else {
                split.remove()
                continue
            }
            recovered += try finishSplit(split, at: Date()).map { RecoveredJob(status: $0, wasBeingClaimed: true) }
        }
        recovered += try requeueAbandonedRuns(context)
        indexUnknownFolders()
        return recovered
    }

    /// Step 1: staging folders with a project become the jobs they were being built as; empty ones go,
    /// and so do those of batch lines that step 2 stages again from their batch (a kill during the
    /// in-place write of a line's project.json leaves it truncated).
    private func publishStaged(sources: [String: String], restageable: Set<String>) throws -> [RecoveredJob] {
        var recovered: [RecoveredJob] = []
        for state in SpoolLayout.StateFolder.allCases {
            for id in layout.stagedIDs(in: state) {
                let staging = layout.stagingFolder(id: id, in: state)
                guard !restageable.contains(id), FileManager.default.fileExists(atPath: JobFiles(folder: staging).project.path) else {
                    try? FileManager.default.removeItem(at: staging)
                    continue
                }
                // Missing, or torn by a power cut before the bulk flush: made again.
                var status = (try? StatusFile.read(in: staging)) ?? JobStatus(id: id, source: sources[id] ?? "recovered")
                status.id = id
                let destination = SpoolLayout.StateFolder(status.state)
                do {
                    try move(status, from: staging, to: layout.jobFolder(id: id, in: destination), state: destination)
                } catch {
                    logger.error("cannot publish the interrupted claim \(staging.path): \(error)")
                    continue
                }
                event(id, status.error == nil ? .claimed : .error, status.error?.message ?? "claim finished after an interruption")
                recovered.append(RecoveredJob(status: status, wasBeingClaimed: true))
            }
        }
        return recovered
    }

    /// Step 3: every job in `running/` was abandoned by the previous daemon.
    private func requeueAbandonedRuns(_ context: RecoveryContext) throws -> [RecoveredJob] {
        var recovered: [RecoveredJob] = []
        for id in layout.jobIDs(in: .running) {
            let folder = layout.jobFolder(id: id, in: .running)
            let before = (try? StatusFile.read(in: folder)) ?? JobStatus(id: id, source: "unknown")
            var status = JobTransitions.recovered(before, previousCrashSignal: context.previousCrashSignal,
                                                  signalName: context.previousCrashSignal.map(CrashMarker.name(of:)) ?? "",
                                                  policy: context.policy, at: Date())
            status.id = id
            let destination = SpoolLayout.StateFolder(status.state)
            try move(status, from: folder, to: layout.jobFolder(id: id, in: destination), state: destination)
            let final = layout.jobFolder(id: id, in: destination)
            if let error = status.error {
                JobLog.append(.error, error.message, in: final)
                event(id, .error, error.message)
                logger.error("running/\(id) → failed/\(id): \(error.message)", metadata: ["job": "\(id)"])
            } else {
                let line = "was running when the daemon stopped; queued again (attempt \(status.attempt))"
                JobLog.append(.resumed, line, in: final)
                event(id, .resumed, line)
                logger.info("running/\(id) → queued/\(id): resuming, attempt \(status.attempt)", metadata: ["job": "\(id)"])
            }
            recovered.append(RecoveredJob(status: status, wasBeingClaimed: false))
        }
        return recovered
    }

    /// Step 4: folders copied in from outside, or an index restored from an old backup.
    private func indexUnknownFolders() {
        guard let index, let known = try? index.allJobIDs() else { return }
        var missing: [(JobStatus, SpoolLayout.StateFolder)] = []
        for state in SpoolLayout.StateFolder.allCases {
            for id in layout.jobIDs(in: state) where !known.contains(id) {
                guard var status = try? StatusFile.read(in: layout.jobFolder(id: id, in: state)) else { continue }
                status.id = id
                missing.append((status, state))
            }
        }
        guard !missing.isEmpty else { return }
        record(missing)
        logger.info("indexed \(missing.count) job folder\(missing.count == 1 ? "" : "s") the index did not know yet")
    }
}
