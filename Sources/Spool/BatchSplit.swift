import FileSafety
import Foundation

/// A `.jsonl` batch while its lines become jobs: `queued/.split-TOKEN/` holds the batch as dropped
/// (`batch.jsonl`), the name it was dropped as (`source-name`), and — before any line is staged — the
/// id every line was given (`assignments`).
///
/// The assignments are what make a batch's identity safe: each line's id and source are fixed once,
/// and recovery reads them back instead of working them out again. The same `nightly.jsonl` dropped
/// night after night and killed at any point still yields exactly one job per line per night.
struct BatchSplit {
    /// One line of the batch and the job it becomes.
    struct Assignment: Codable, Hashable {
        var line: Int
        var id: String
    }

    let folder: URL

    var batch: URL { folder.appending(path: "batch.jsonl") }
    private var sourceNameFile: URL { folder.appending(path: "source-name") }
    private var assignmentsFile: URL { folder.appending(path: "assignments.json") }

    /// Creates the split folder and moves the dropped file into it.
    static func begin(in layout: SpoolLayout, moving source: URL, sourceName: String) throws -> BatchSplit {
        let token = "\(InboxNaming.baseID(forFileName: sourceName).prefix(60))-\(UInt32.random(in: 0...UInt32.max))"
        let split = BatchSplit(folder: layout.splitFolder(token: token))
        try FileManager.default.createDirectory(at: split.folder, withIntermediateDirectories: true)
        try AtomicFile.write(Data(sourceName.utf8), to: split.sourceNameFile)
        try AtomicFile.move(source, to: split.batch)
        return split
    }

    /// The file name the batch was dropped as.
    var sourceName: String {
        (try? String(contentsOf: sourceNameFile, encoding: .utf8)) ?? "batch.jsonl"
    }

    /// The recorded assignments, or nil when the split stopped before they were written (then no line
    /// was staged yet, and the split starts over).
    func assignments() -> [Assignment]? {
        guard let data = try? Data(contentsOf: assignmentsFile) else { return nil }
        return try? JSONDecoder().decode([Assignment].self, from: data)
    }

    /// Writes the assignments durably: nothing is staged before they are on disk.
    func record(_ assignments: [Assignment]) throws {
        try AtomicFile.write(try JSONEncoder().encode(assignments), to: assignmentsFile)
    }

    /// The batch's non-blank lines, numbered from 1 as in the file.
    func lines() throws -> [(number: Int, text: Data)] {
        let data = try Data(contentsOf: batch)
        return data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated().compactMap { offset, raw in
            let line = Data(raw)
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { return nil }
            return (offset + 1, line)
        }
    }

    /// The job source a line of this batch gets: `nightly.jsonl line 51`.
    static func source(_ sourceName: String, line: Int) -> String { "\(sourceName) line \(line)" }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
