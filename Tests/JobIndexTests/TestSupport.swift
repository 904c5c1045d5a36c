import Foundation
import Synchronization
import JobDocuments
@testable import JobIndex

/// Runs `body` with the path of an index file in a fresh folder, removed afterwards.
func withTemporaryIndex<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("JobIndexTests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    return try body(folder.appendingPathComponent("index.sqlite").path)
}

/// A fixed reference time, whole seconds so that dates survive every encoding exactly.
let referenceDate = Date(timeIntervalSince1970: 1_790_000_000)

/// A freshly claimed job: no steps, no artifacts, no error.
func queuedStatus(id: String, createdAt: Date = referenceDate, priority: Int = 0) -> JobStatus {
    JobStatus(id: id, source: "\(id).json", state: .queued, priority: priority, now: createdAt)
}

/// A job that went through every field of the schema: steps, artifacts, error, cost, providers.
func fullStatus(id: String, state: JobState = .failed, createdAt: Date = referenceDate) -> JobStatus {
    var status = JobStatus(id: id, source: "batch.jsonl line 7", state: state, priority: 5, now: createdAt)
    status.step = .render
    status.progress = 72
    status.attempt = 2
    status.startedAt = createdAt.addingTimeInterval(2)
    status.updatedAt = createdAt.addingTimeInterval(95.5)
    status.finishedAt = createdAt.addingTimeInterval(96)
    var clock = createdAt.addingTimeInterval(2)
    for step in PipelineStep.allCases where step < .render {
        let seconds = Double(step.progressWeight) / 2
        status.setRecord(.init(name: step, state: .done, startedAt: clock,
                               finishedAt: clock.addingTimeInterval(seconds), seconds: seconds,
                               cached: step == .plan))
        clock = clock.addingTimeInterval(seconds)
    }
    status.setRecord(.init(name: .render, state: .failed, startedAt: clock, finishedAt: nil))
    status.artifacts.plan = "plan.json"
    status.artifacts.captions = "captions.ass"
    status.artifacts.video = "video.mp4"
    status.error = .init(step: "render", message: "ffmpeg exited with status 1", retryable: true)
    status.cost.estimatedUsd = 0.05
    status.cost.actualUsd = 0.0425
    status.cost.steps = ["plan": 0.0025, "voice": 0.04]
    status.providers = ["plan": "template", "voice": "espeak-ng", "images": "drawn"]
    return status
}

/// The status document exactly as the rest of the system writes it.
func encoded(_ status: JobStatus) throws -> String {
    String(decoding: try JobStatus.makeEncoder().encode(status), as: UTF8.self)
}

/// Milliseconds in a duration, for reports.
func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// A value shared between threads of a test, behind a lock.
final class Shared<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value {
        get { mutex.withLock { $0 } }
        set { mutex.withLock { $0 = newValue } }
    }
    /// Changes the value atomically.
    func update(_ body: (inout Value) -> Void) {
        mutex.withLock { body(&$0) }
    }
}
