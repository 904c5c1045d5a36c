import Foundation

/// What can go wrong when opening or reading the job index, beyond SQLite's own errors
/// (which surface as GRDB `DatabaseError`s).
public enum JobIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no index file at the path. The CLI reports this instead of creating an empty index
    /// beside a spool that may never have been served: run `tiktok-ai serve` or `tiktok-ai reindex`.
    case missing(String)

    /// The file exists but does not hold the schema this build reads: it is not a tiktok-ai index,
    /// or the daemon has not yet migrated it (open it read-write once), or it was written by a newer
    /// build whose migrations this one does not know.
    case incompatibleSchema(path: String, reason: String)

    /// The `statusJSON` stored for a job no longer decodes as a `JobStatus`.
    case undecodableStatus(jobID: String, reason: String)

    public var description: String {
        switch self {
        case .missing(let path):
            "no job index at \(path) (start the daemon or run `tiktok-ai reindex` to build it)"
        case .incompatibleSchema(let path, let reason):
            "the job index at \(path) cannot be read by this build: \(reason)"
        case .undecodableStatus(let jobID, let reason):
            "the indexed status of job \(jobID) does not decode: \(reason)"
        }
    }
}

extension JobIndexError: LocalizedError {
    public var errorDescription: String? { description }
}
