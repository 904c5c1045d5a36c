import Foundation
import JobDocuments
import JobIndex

/// One job in a listing (`list --json`, one object a line; `GET /api/run`): numbers are numbers, a
/// missing error is `null`, times are ISO 8601. `status` repeats `state` under the runbook's name
/// (`jq '.[] | select(.status == "failed")'`).
public struct JobSummary: Sendable, Hashable, Encodable {
    public var id: String
    public var state: JobState
    public var step: PipelineStep?
    public var progress: Int
    public var attempt: Int
    public var priority: Int
    public var source: String
    /// The state folder it is in: `queued`, `running`, `done` or `failed`.
    public var folder: String
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    public var error: JobStatus.JobError?

    public init(_ job: JobListingRow) {
        id = job.id
        state = job.state
        step = job.step
        progress = job.progress
        attempt = job.attempt
        priority = job.priority
        source = job.source
        folder = job.folder
        createdAt = job.createdAt
        updatedAt = job.updatedAt
        finishedAt = job.finishedAt
        error = job.error
    }

    private enum CodingKeys: String, CodingKey {
        case id, state, status, step, progress, attempt, priority, source, folder, createdAt, updatedAt, finishedAt, error
    }

    /// Every key is written; unset ones are `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(state, forKey: .state)
        try container.encode(state, forKey: .status)
        try container.encode(step, forKey: .step)
        try container.encode(progress, forKey: .progress)
        try container.encode(attempt, forKey: .attempt)
        try container.encode(priority, forKey: .priority)
        try container.encode(source, forKey: .source)
        try container.encode(folder, forKey: .folder)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(finishedAt, forKey: .finishedAt)
        try container.encode(error, forKey: .error)
    }
}
