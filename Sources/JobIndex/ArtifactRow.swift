import Foundation
import GRDB
import JobDocuments

/// A row of the `artifacts` table: one artifact path (relative to the job folder) of a job's last
/// recorded status. `kind` is the key in `status.json`'s `artifacts` (`video`, `thumbnail`,
/// `captions`, `plan`, `export`).
struct ArtifactRow: Sendable {
    var jobId: String
    var kind: String
    var path: String

    /// The rows for every artifact `artifacts` names; absent artifacts have no row.
    static func rows(jobID: String, artifacts: JobStatus.Artifacts) -> [ArtifactRow] {
        let named: [(String, String?)] = [
            ("video", artifacts.video),
            ("thumbnail", artifacts.thumbnail),
            ("captions", artifacts.captions),
            ("plan", artifacts.plan),
            ("export", artifacts.export),
        ]
        return named.compactMap { kind, path in
            path.map { ArtifactRow(jobId: jobID, kind: kind, path: $0) }
        }
    }

    static let insert = MultiRowInsert(table: "artifacts", columns: ["jobId", "kind", "path"])

    /// The values for ``insert``, in its column order.
    var databaseValues: [DatabaseValue] {
        [jobId.databaseValue, kind.databaseValue, path.databaseValue]
    }
}
