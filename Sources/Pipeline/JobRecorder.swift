import Foundation
import JobIndex
import Logging
import ProjectModel
import Spool
import Synchronization

/// Owns one job's `status.json` while it runs: every change is written atomically to the job folder
/// and mirrored into the index; progress is written at most once a second (SPEC rule 5).
public actor JobRecorder {
    public private(set) var status: JobStatus
    public private(set) var folder: URL
    private let index: JobIndexDatabase?
    private let logger: Logger
    private var lastProgressWrite = Date.distantPast
    private let log: JobLog

    public init(status: JobStatus, folder: URL, index: JobIndexDatabase?, logger: Logger) {
        self.status = status
        self.folder = folder
        self.index = index
        self.logger = logger
        self.log = JobLog(file: JobFiles(folder: folder).log)
    }

    /// Applies a change and writes it everywhere — or, with `write: false`, only in memory: the next
    /// write carries it (a step's end and the next step's start are one step change, one write).
    public func update(write: Bool = true, _ change: (inout JobStatus) -> Void) throws {
        change(&status)
        status.updatedAt = Date()
        if write { try flush() }
    }

    /// Writes `status.json` only (the index is told separately, see ``recordInIndex(stateFolder:)``).
    public func writeFile() throws {
        try StatusFile.write(status, in: folder)
    }

    /// Records the status in the index only, as being in `stateFolder` (by default the folder it is in).
    /// A job about to move is recorded with its destination first, so the index never lags behind a
    /// move, even when the daemon is killed right after it.
    public func recordInIndex(stateFolder: String? = nil) {
        do {
            try index?.record(status, folder: stateFolder ?? folder.deletingLastPathComponent().lastPathComponent)
        } catch {
            logger.warning("index write failed: \(error)", metadata: ["job": "\(status.id)"])
        }
    }

    /// Sets the progress inside the current step (0…1) and writes it if a second has passed.
    public func progress(step: PipelineStep, fraction: Double) throws {
        let before = PipelineStep.allCases.filter { $0 < step }.map(\.progressWeight).reduce(0, +)
        let value = min(99, before + Int((Double(step.progressWeight) * max(0, min(1, fraction))).rounded(.down)))
        guard value != status.progress else { return }
        status.progress = value
        status.updatedAt = Date()
        let now = Date()
        if now.timeIntervalSince(lastProgressWrite) >= 1 {
            lastProgressWrite = now
            try flush()
        }
    }

    /// The folder moved (a state change): later writes go to the new place.
    public func moved(to newFolder: URL) {
        folder = newFolder
        log.moved(to: JobFiles(folder: newFolder).log)
    }

    /// A line in the job's `job.log`, an event in the index, and the daemon's log.
    public func note(_ message: String, kind: String = "info") {
        log.append("\(ISO8601.string(from: Date())) \(kind) \(message)")
        index?.appendEventSoon(jobID: status.id, kind: kind, message: message)
        logger.info("\(message)", metadata: ["job": "\(status.id)"])
    }

    private func flush() throws {
        let encoded = try StatusFile.encode(status)
        try StatusFile.write(encoded: encoded, in: folder)
        // Steps inside a state folder are mirrored a moment later, many jobs in one transaction; the
        // moves between folders are recorded at once (``recordInIndex(stateFolder:)``).
        index?.recordSoon(status, encoded: encoded, folder: folder.deletingLastPathComponent().lastPathComponent)
    }
}

/// Appends lines to `job.log`.
final class JobLog: Sendable {
    private let file: Mutex<URL>

    init(file: URL) { self.file = Mutex(file) }

    func moved(to newFile: URL) { file.withLock { $0 = newFile } }

    func append(_ line: String) {
        file.withLock { url in
            guard let handle = try? FileHandle(forWritingTo: url) else {
                try? Data((line + "\n").utf8).write(to: url)
                return
            }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: Data((line + "\n").utf8))
        }
    }
}
