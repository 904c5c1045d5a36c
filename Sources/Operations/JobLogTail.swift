import Foundation
import JobDocuments

/// The end of a job's `job.log`: what `GET /api/run/{id}` shows as `logsJson`, and where an event
/// stream picks up new lines from.
public enum JobLogTail {
    /// The last `count` lines of the log in `folder` (oldest first); empty when there is none. Only the
    /// file's last 64 KiB are read, however long it grew.
    public static func lines(in folder: URL, last count: Int) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: JobFiles(folder: folder).log) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if start > 0, !lines.isEmpty { lines.removeFirst() } // the first may be cut
        return Array(lines.suffix(count))
    }

    /// Complete lines written after byte `offset`, and the offset after them (a line still being
    /// written is left for the next read).
    public static func lines(in folder: URL, after offset: UInt64) -> (lines: [String], offset: UInt64) {
        guard let handle = try? FileHandle(forReadingFrom: JobFiles(folder: folder).log) else { return ([], offset) }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        guard size > offset else { return ([], min(offset, size)) }
        try? handle.seek(toOffset: offset)
        let data = (try? handle.read(upToCount: Int(min(size - offset, 1_048_576)))) ?? Data()
        guard let lastNewline = data.lastIndex(of: UInt8(ascii: "\n")) else { return ([], offset) }
        let complete = data[data.startIndex...lastNewline]
        let lines = String(decoding: complete, as: UTF8.self).split(separator: "\n").map(String.init)
        return (lines, offset + UInt64(complete.count))
    }

    /// The log's size now: a stream starting after the lines it already sent.
    public static func size(in folder: URL) -> UInt64 {
        ((try? FileManager.default.attributesOfItem(atPath: JobFiles(folder: folder).log.path)[.size]) as? NSNumber)?.uint64Value ?? 0
    }
}
