import FileSafety
import Foundation
import ProjectModel

/// Reads and writes a job folder's `status.json`. Every write is atomic (``AtomicFile``), so a
/// script polling `jq .state` never sees a torn file.
public enum StatusFile {
    public static let name = "status.json"

    public static func url(in jobFolder: URL) -> URL { jobFolder.appending(path: name) }

    public static func write(_ status: JobStatus, in jobFolder: URL) throws {
        let data = try JobStatus.makeEncoder().encode(status)
        try AtomicFile.write(data + Data("\n".utf8), to: url(in: jobFolder))
    }

    public static func read(in jobFolder: URL) throws -> JobStatus {
        let data = try Data(contentsOf: url(in: jobFolder))
        return try JobStatus.makeDecoder().decode(JobStatus.self, from: data)
    }
}
