import Foundation
import ProjectModel

/// A job that now exists in a state folder: queued when its project parsed, failed when it did not.
public struct ClaimedJob: Sendable {
    public var status: JobStatus
    public var folder: URL
    /// The parsed project; nil for bad input.
    public var project: ProjectFile?

    public var id: String { status.id }
}
