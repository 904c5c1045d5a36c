import FileSafety
import Foundation
import JobIndex
import ProjectModel
import Spool

/// Cancel and retry, as the CLI (and later the HTTP API) asks for them: plain folder moves and
/// control files, so they work the same whether a daemon is running or not (SPEC rule 8).
public struct JobControl: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase?

    public init(layout: SpoolLayout, index: JobIndexDatabase?) {
        self.layout = layout
        self.index = index
    }

    public enum CancelOutcome: Sendable {
        /// It was queued (or left in `running/` with no daemon): it is now in `failed/`, canceled.
        case canceled(JobStatus)
        /// It is running: `CANCEL` is in its folder and the daemon stops it within a second or two.
        case requested(folder: URL)
        /// It had already finished; nothing was changed.
        case alreadyFinished(JobStatus)
    }

    /// Cancels a job. `daemonRunning` says whether a daemon will act on a `CANCEL` file in `running/`;
    /// without one, a job there is a crash leftover and is moved to `failed/` directly.
    public func cancel(id: String, daemonRunning: Bool, now: Date = Date()) throws -> CancelOutcome {
        guard let found = layout.locate(jobID: id) else { throw JobControlError.notFound(id) }
        let files = JobFiles(folder: found.folder)
        switch found.stateFolder {
        case "done", "failed":
            return .alreadyFinished(try StatusFile.read(in: found.folder))
        case "running" where daemonRunning:
            try requestCancel(files)
            return .requested(folder: found.folder)
        default:
            // The CANCEL file first: a daemon that starts the job meanwhile cancels it at once.
            try requestCancel(files)
            var status = (try? StatusFile.read(in: found.folder)) ?? JobStatus(id: id, source: "unknown", now: now)
            status.state = .canceled
            status.error = .init(step: status.step?.rawValue, message: "canceled", retryable: true)
            status.finishedAt = now
            status.updatedAt = now
            let destination = layout.jobFolder(id: id, state: .canceled)
            do {
                try StatusFile.write(status, in: found.folder)
                try AtomicFile.move(found.folder, to: destination)
            } catch {
                // The daemon took the job in between: the CANCEL file moved with it.
                if let moved = layout.locate(jobID: id), moved.stateFolder == "running" { return .requested(folder: moved.folder) }
                throw error
            }
            try? FileManager.default.removeItem(at: JobFiles(folder: destination).cancelRequest)
            try? index?.record(status, folder: destination.deletingLastPathComponent().lastPathComponent)
            try? index?.appendEvent(jobID: id, kind: "canceled", message: "canceled while \(found.stateFolder)")
            return .canceled(status)
        }
    }

    private func requestCancel(_ files: JobFiles) throws {
        try AtomicFile.write(Data("cancel requested \(ISO8601.string(from: Date()))\n".utf8), to: files.cancelRequest)
    }

    /// Puts a failed or canceled job back in the queue: the next attempt, no error, its finished
    /// steps reused. With `from`, that step and every later one are forgotten and their files deleted,
    /// so they really run again.
    public func retry(id: String, from: PipelineStep? = nil, now: Date = Date()) throws -> JobStatus {
        guard let found = layout.locate(jobID: id) else { throw JobControlError.notFound(id) }
        var status = try StatusFile.read(in: found.folder)
        guard found.stateFolder == "failed", status.state == .failed || status.state == .canceled else {
            throw JobControlError.notRetryable(id: id, state: status.state)
        }
        // Staged under the claim prefix: a crash in between leaves a folder that the daemon's start-up
        // recovery publishes by its status (failed before the rewrite, queued after).
        let staging = layout.queued.appending(path: ".claim-\(id)", directoryHint: .isDirectory)
        try AtomicFile.move(found.folder, to: staging)
        let files = JobFiles(folder: staging)
        do {
            try? FileManager.default.removeItem(at: files.cancelRequest)
            var removed: [String] = []
            if let from {
                removed = try StepOutputs.remove(from: from, in: files)
                status.steps.removeAll { $0.name >= from }
                JobRunner.fillArtifacts(&status, files: files)
            }
            status.prepareRetry(now: now)
            try StatusFile.write(status, in: staging)
            let destination = layout.jobFolder(id: id, state: .queued)
            try AtomicFile.move(staging, to: destination)
            try? index?.record(status, folder: "queued")
            let detail = from.map { " from \($0.rawValue) (removed \(removed.isEmpty ? "nothing" : removed.joined(separator: ", ")))" } ?? ""
            try? index?.appendEvent(jobID: id, kind: "retry", message: "queued again for attempt \(status.attempt)\(detail)")
            return status
        } catch {
            try? AtomicFile.move(staging, to: found.folder)
            throw error
        }
    }

    /// A step by name, or an error that lists the valid names (the old system silently reran everything).
    public static func step(named name: String) throws -> PipelineStep {
        guard let step = PipelineStep(rawValue: name.lowercased()) else { throw JobControlError.unknownStep(name) }
        return step
    }
}

public enum JobControlError: Error, CustomStringConvertible, Sendable, Equatable {
    case notFound(String)
    case notRetryable(id: String, state: JobState)
    case unknownStep(String)

    public var description: String {
        switch self {
        case .notFound(let id): "no job '\(id)' in the spool"
        case .notRetryable(let id, let state):
            "job '\(id)' is \(state.rawValue); only failed or canceled jobs can be retried"
        case .unknownStep(let name):
            "unknown step '\(name)'; the steps are \(PipelineStep.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
