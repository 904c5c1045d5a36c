import Foundation
import JobDocuments

/// Appends lines to a job's `job.log`: `TIME KIND MESSAGE`, one a line, oldest first.
enum JobLog {
    static func append(_ kind: JobEventKind, _ message: String, in folder: URL, at now: Date = Date()) {
        let line = Data("\(ISO8601.string(from: now)) \(kind) \(message)\n".utf8)
        let url = JobFiles(folder: folder).log
        guard let handle = try? FileHandle(forWritingTo: url) else {
            try? line.write(to: url)
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: line)
    }
}
