import Foundation
import JobDocuments
import JobQueue
import Logging

/// A job while its steps run: its status in memory, written through its queue (the ``JobRecorder``)
/// at every step change and at most once a second for progress (SPEC rule 5).
///
/// Steps never write the status themselves; they report here, and the runner hands the final status
/// to the queue's end-of-run transition.
public actor RunningJob {
    public let lease: LeasedJob
    public private(set) var status: JobStatus
    /// Where the job's changes go: its queue.
    public nonisolated let recorder: any JobRecorder
    /// The runner's logger with this job's id as `job` metadata.
    let logger: Logger
    /// When the status was last written, by a step change or by progress: progress is written at most
    /// once a second after either (SPEC rule 5), so a step's first progress does not follow its start
    /// by a few milliseconds.
    private var lastWrite: ContinuousClock.Instant?
    /// The providers the current step used, in order, each once.
    private var stepProviders: [String] = []

    public init(lease: LeasedJob, recorder: any JobRecorder, logger: Logger) {
        self.lease = lease
        self.status = lease.status
        self.recorder = recorder
        // Every line about this job carries its id as metadata (a `job` field in JSON logs).
        var logger = logger
        logger[metadataKey: "job"] = .string(lease.id)
        self.logger = logger
    }

    /// Applies a change, and writes it unless `write` is false: then the next write carries it (a
    /// step's end and the next step's start are one step change, one write).
    public func update(write: Bool = true, _ change: (inout JobStatus) -> Void) async throws {
        change(&status)
        status.updatedAt = Date()
        if write {
            try await recorder.update(lease, status: status)
            lastWrite = .now
        }
    }

    /// Sets the progress inside the current step (0…1); written if a second has passed since the last.
    public func progress(step: PipelineStep, fraction: Double) async {
        let before = PipelineStep.allCases.filter { $0 < step }.map(\.progressWeight).reduce(0, +)
        let value = min(99, before + Int((Double(step.progressWeight) * max(0, min(1, fraction))).rounded(.down)))
        guard value != status.progress else { return }
        status.progress = value
        status.updatedAt = Date()
        let now = ContinuousClock.now
        if let last = lastWrite, last.duration(to: now) < .seconds(1) { return }
        lastWrite = now
        do {
            try await recorder.update(lease, status: status)
        } catch {
            logger.warning("cannot write progress: \(error)", metadata: ["job": "\(lease.id)"])
        }
    }

    /// A line in the job's log (and the daemon's).
    public func note(_ message: String, kind: JobEventKind = .info) async {
        await recorder.log(lease, kind, message)
        logger.info("\(message)", metadata: ["job": "\(lease.id)"])
    }

    /// A provider served the current step.
    func used(_ name: String) {
        if !stepProviders.contains(name) { stepProviders.append(name) }
    }

    /// The providers the step that just ran used, cleared for the next one.
    func takeStepProviders() -> [String] {
        defer { stepProviders = [] }
        return stepProviders
    }
}
