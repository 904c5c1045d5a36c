import Foundation
import JobDocuments

/// A job that waits to start, with what start order is decided by: higher priority first, then the
/// oldest, then by id (so the order is total and the same on every run).
public struct WaitingJob: Sendable, Hashable, Comparable {
    public var id: String
    public var priority: Int
    public var createdAt: Date

    public init(id: String, priority: Int, createdAt: Date) {
        self.id = id
        self.priority = priority
        self.createdAt = createdAt
    }

    public init(_ status: JobStatus) { self.init(id: status.id, priority: status.priority, createdAt: status.createdAt) }

    /// "Starts before".
    public static func < (a: WaitingJob, b: WaitingJob) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
        return a.id < b.id
    }
}
