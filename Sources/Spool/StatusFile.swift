import FileSafety
import Foundation
import JobDocuments

/// Reads and writes a job folder's `status.json`: the only code that writes one. Its writes are called
/// by the two owners of a job's transitions, ``FolderQueue`` (spool jobs) and ``DetachedJobFolder``
/// (`render --out`), never by the pipeline or a command.
///
/// A durable write is atomic (temp file, fsync, rename, fsync the folder; ``AtomicFile``), so a script
/// polling `jq .state` never sees a torn file. A non-durable write (`durable: false`) writes in place
/// without fsync: only for folders still under a hidden staging name, which nobody reads, and which a
/// later flush (``BulkPublisher``) makes durable before they are published.
public enum StatusFile {
    public static func url(in jobFolder: URL) -> URL { JobFiles(folder: jobFolder).status }

    static func write(_ status: JobStatus, in jobFolder: URL, durable: Bool = true) throws {
        try write(encoded: encode(status), in: jobFolder, durable: durable)
    }

    /// The document ``write(_:in:durable:)`` writes, without its final newline: the index stores the
    /// same bytes, so a job's status is encoded once per change.
    static func encode(_ status: JobStatus) throws -> Data {
        try encoder.encode(status)
    }

    /// Writes a status already encoded by ``encode(_:)``.
    static func write(encoded: Data, in jobFolder: URL, durable: Bool = true) throws {
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
