import FileSafety
import Foundation
import ProjectModel

/// Reads and writes a job folder's `status.json`. Every write is atomic (``AtomicFile``), so a
/// script polling `jq .state` never sees a torn file.
public enum StatusFile {
    public static let name = "status.json"

    public static func url(in jobFolder: URL) -> URL { jobFolder.appending(path: name) }

    /// Writes atomically. `durable: false` writes in place without fsync, for folders still under a
    /// hidden staging name (nobody reads them) that a later flush (``BulkPublisher``) makes durable
    /// before they are published.
    public static func write(_ status: JobStatus, in jobFolder: URL, durable: Bool = true) throws {
        try write(encoded: encode(status), in: jobFolder, durable: durable)
    }

    /// The document ``write(_:in:durable:)`` writes, without its final newline: the index stores the
    /// same bytes, so a job's status is encoded once per change.
    public static func encode(_ status: JobStatus) throws -> Data {
        try encoder.encode(status)
    }

    /// Writes a status already encoded by ``encode(_:)``.
    public static func write(encoded: Data, in jobFolder: URL, durable: Bool = true) throws {
        let data = encoded + Data("\n".utf8)
        if durable {
            try AtomicFile.write(data, to: url(in: jobFolder))
        } else {
            try AtomicFile.writeInPlace(data, to: url(in: jobFolder))
        }
    }

    /// One encoder for every write: `JSONEncoder` is safe to share once configured.
    private static let encoder = JobStatus.makeEncoder()

    public static func read(in jobFolder: URL) throws -> JobStatus {
        let data = try Data(contentsOf: url(in: jobFolder))
        return try JobStatus.makeDecoder().decode(JobStatus.self, from: data)
    }
}
