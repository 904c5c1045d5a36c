import Foundation
import JobDocuments

/// A job started by this process: what its runner needs to run it and report on it.
public struct LeasedJob: Sendable, Hashable {
    public var id: String
    /// Where the job's files are while it runs: `project.json` and every step's outputs.
    public var folder: URL
    /// Its status when it started (state `running`).
    public var status: JobStatus

    public init(id: String, folder: URL, status: JobStatus) {
        self.id = id
        self.folder = folder
        self.status = status
    }

    public var files: JobFiles { JobFiles(folder: folder) }
}
