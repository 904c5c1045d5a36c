import FileSafety
import Foundation
import ProjectModel
#if canImport(Glibc)
import Glibc
#endif

/// Moves judged inbox files into job folders (SPEC rules 3, 4 and 9).
///
/// A claim renames the inbox file into a hidden staging folder (`queued/.claim-ID/project.json`),
/// writes its `status.json`, then renames the staging folder to `queued/ID` (or `failed/ID` for bad
/// input). The inbox file therefore leaves the inbox exactly once, and a job folder never appears
/// without its status file. A crash in between leaves a staging folder that ``recoverStaging()``
/// finishes at the next start.
public struct InboxClaimer: Sendable {
    public let layout: SpoolLayout
    /// Whether an id is already used by the index (folders are checked here).
    public let isIndexed: @Sendable (String) -> Bool

    public init(layout: SpoolLayout, isIndexed: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.layout = layout
        self.isIndexed = isIndexed
    }

    /// What the daemon decided about an inbox file before claiming it.
    public enum Verdict: Sendable {
        case good(ProjectFile)
        case bad(String)
    }

    /// Reads and judges an inbox file: a regular file, at most the size limit, a valid project.
    public static func judge(fileAt url: URL) -> Verdict {
        var info = stat()
        guard lstat(url.path, &info) == 0 else { return .bad("cannot read the file: \(String(cString: strerror(errno)))") }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            return .bad("symbolic links are not accepted in the inbox; copy the file itself")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .bad("not a regular file") }
        if Int(info.st_size) > ProjectFileParser.maxFileBytes {
            return .bad("the file is \(info.st_size) bytes; a project file may be at most \(ProjectFileParser.maxFileBytes) bytes")
        }
        guard let data = try? Data(contentsOf: url) else { return .bad("cannot read the file") }
        do {
            return .good(try ProjectFileParser.parse(data))
        } catch {
            return .bad(error.description)
        }
    }

    /// Claims one `.json` inbox file under the verdict the daemon reached.
    /// `sourceName` is the name the job is known by when the inbox name is a staging name (`submit`).
    public func claimProject(named name: String, as sourceName: String? = nil, verdict: Verdict, now: Date = Date()) throws -> ClaimedJob {
        let source = layout.inbox.appending(path: name)
        let id = newJobID(forFileName: sourceName ?? name)
        let (status, project) = Self.initialStatus(id: id, source: sourceName ?? name, verdict: verdict, now: now)
        let folder: URL
        do {
            folder = try publish(id: id, status: status) { staging in
                try AtomicFile.move(source, to: staging.appending(path: "project.json"))
            }
        } catch {
            // Put the file back (a full disk, say), so a later scan claims it once the problem is gone.
            let staging = layout.folder(for: status.state).appending(path: ".claim-\(id)", directoryHint: .isDirectory)
            let staged = staging.appending(path: "project.json")
            if FileManager.default.fileExists(atPath: staged.path), (try? AtomicFile.move(staged, to: source)) != nil {
                try? FileManager.default.removeItem(at: staging)
            }
            throw error
        }
        return ClaimedJob(status: status, folder: folder, project: project)
    }

    /// A new job's first status: queued with the project's priority, or failed with the verdict's reason.
    private static func initialStatus(id: String, source: String, verdict: Verdict, now: Date) -> (JobStatus, ProjectFile?) {
        var status = JobStatus(id: id, source: source, now: now)
        switch verdict {
        case .good(let parsed):
            status.priority = parsed.priority
            return (status, parsed)
        case .bad(let message):
            status.state = .failed
            status.finishedAt = now
            status.error = .init(step: nil, message: message, retryable: false)
            return (status, nil)
        }
    }

    /// Claims a `.jsonl` batch: one job per non-blank line, `NAME-0001`, `NAME-0002`, …; a bad line
    /// becomes its own failed job whose message carries the line number.
    public func claimBatch(named inboxName: String, as sourceName: String? = nil, now: Date = Date()) throws -> [ClaimedJob] {
        let source = layout.inbox.appending(path: inboxName)
        let name = sourceName ?? inboxName
        let staging = layout.queued.appending(path: ".split-\(InboxNaming.baseID(forFileName: name))-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let batchFile = staging.appending(path: "batch.jsonl")
        try AtomicFile.move(source, to: batchFile)
        try AtomicFile.write(Data(name.utf8), to: staging.appending(path: "source-name"))
        let jobs = try split(batchFile: batchFile, sourceName: name, now: now)
        try FileManager.default.removeItem(at: staging)
        return jobs
    }

    /// Claims many `.json` inbox files at once (a burst of drops), with one flush for all of them
    /// (``BulkPublisher``). Each file is claimed or left in the inbox; errors are returned by name.
    public func claimProjects(_ files: [(name: String, verdict: Verdict)], now: Date = Date())
        -> (jobs: [ClaimedJob], errors: [(name: String, error: any Error)]) {
        var publisher = BulkPublisher(layout: layout)
        var errors: [(name: String, error: any Error)] = []
        var names: [String: String] = [:]
        for (name, verdict) in files {
            let source = layout.inbox.appending(path: name)
            let (status, project) = Self.initialStatus(id: newJobID(forFileName: name), source: name, verdict: verdict, now: now)
            let staged = layout.folder(for: status.state).appending(path: ".claim-\(status.id)/project.json")
            do {
                try publisher.stage(status: status, project: project, fill: { _ in
                    guard rename(source.path, staged.path) == 0 else { throw FileSystemError("cannot move \(source.path) to \(staged.path)", errno) }
                }, undo: {
                    // Back into the inbox, so a later scan claims it once the problem is gone.
                    if FileManager.default.fileExists(atPath: staged.path) { _ = rename(staged.path, source.path) }
                })
                names[status.id] = name
            } catch {
                errors.append((name, error))
            }
        }
        let published = publisher.publish()
        errors += published.errors.map { (names[$0.id] ?? $0.id, $0.error) }
        return (published.jobs, errors)
    }

    private func split(batchFile: URL, sourceName: String, now: Date) throws -> [ClaimedJob] {
        let data = try Data(contentsOf: batchFile)
        let base = InboxNaming.baseID(forFileName: sourceName)
        var publisher = BulkPublisher(layout: layout)
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (offset, rawLine) in lines.enumerated() {
            let line = Data(rawLine)
            let lineNumber = offset + 1
            guard line.contains(where: { ![0x20, 0x09, 0x0D].contains($0) }) else { continue }
            let suffix = String(format: "-%04d", lineNumber)
            let id = InboxNaming.uniqueID(base: String(base.prefix(100 - suffix.count)) + suffix, isTaken: isTaken)
            var status = JobStatus(id: id, source: "\(sourceName) line \(lineNumber)", now: now)
            var project: ProjectFile?
            do {
                let parsed = try ProjectFileParser.parse(line)
                project = parsed
                status.priority = parsed.priority
            } catch {
                var located = error
                located.line = lineNumber
                status.state = .failed
                status.finishedAt = now
                status.error = .init(step: nil, message: located.description, retryable: false)
            }
            try publisher.stage(status: status, project: project) { staging in
                try AtomicFile.writeInPlace(line, to: staging.appending(path: "project.json"))
            }
        }
        let published = publisher.publish()
        if let failure = published.errors.first { throw failure.error }
        return published.jobs
    }

    /// Builds a job folder under a hidden name, then renames it into its state folder.
    private func publish(id: String, status: JobStatus, fill: (URL) throws -> Void) throws -> URL {
        let stateFolder = layout.folder(for: status.state)
        let staging = stateFolder.appending(path: ".claim-\(id)", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        // The status first: a staging folder with a project always has its status (see recoverStaging).
        try StatusFile.write(status, in: staging)
        try fill(staging)
        let final = stateFolder.appending(path: id, directoryHint: .isDirectory)
        try AtomicFile.move(staging, to: final)
        return final
    }

    /// Rule 4: a new id for a file name, unique across state folders and the index.
    public func newJobID(forFileName name: String) -> String {
        InboxNaming.uniqueID(base: InboxNaming.baseID(forFileName: name), isTaken: isTaken)
    }

    private func isTaken(_ id: String) -> Bool {
        // Plain paths and lstat: this runs for every claimed file, and URL building was most of its cost.
        let root = layout.root.path
        var info = stat()
        for name in SpoolLayout.stateFolderNames {
            if lstat("\(root)/\(name)/\(id)", &info) == 0 || lstat("\(root)/\(name)/.claim-\(id)", &info) == 0 { return true }
        }
        return isIndexed(id)
    }

    /// Finishes claims a crash interrupted: staging folders with a project but no published job.
    /// Returns the jobs it published.
    public func recoverStaging(now: Date = Date()) throws -> [ClaimedJob] {
        var recovered: [ClaimedJob] = []
        var splits: [URL] = []
        // Staged job folders first, in every state folder: a batch split again below must find the
        // lines they hold already published, or it would claim those lines a second time.
        for stateName in SpoolLayout.stateFolderNames {
            let stateFolder = layout.folder(named: stateName)
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: stateFolder.path)) ?? []
            for entry in entries.sorted() {
                let staging = stateFolder.appending(path: entry, directoryHint: .isDirectory)
                if entry.hasPrefix(".split-") {
                    splits.append(staging)
                    continue
                }
                guard entry.hasPrefix(".claim-") else { continue }
                let id = String(entry.dropFirst(".claim-".count))
                let projectURL = staging.appending(path: "project.json")
                guard FileManager.default.fileExists(atPath: projectURL.path) else {
                    try? FileManager.default.removeItem(at: staging)
                    continue
                }
                let read = try? StatusFile.read(in: staging)
                let status = read ?? JobStatus(id: id, source: "recovered", now: now)
                // Missing, or torn by a power cut before the bulk flush: write it again.
                if read == nil { try StatusFile.write(status, in: staging) }
                let final = layout.folder(for: status.state).appending(path: id, directoryHint: .isDirectory)
                try AtomicFile.move(staging, to: final)
                var project: ProjectFile?
                if case .good(let parsed) = Self.judge(fileAt: final.appending(path: "project.json")) { project = parsed }
                recovered.append(ClaimedJob(status: status, folder: final, project: project))
            }
        }
        // Then the batches whose split was interrupted: split what is missing again.
        for staging in splits {
            let batch = staging.appending(path: "batch.jsonl")
            let sourceName = (try? String(contentsOf: staging.appending(path: "source-name"), encoding: .utf8)) ?? "batch.jsonl"
            if FileManager.default.fileExists(atPath: batch.path) {
                recovered += try resumeSplit(batchFile: batch, sourceName: sourceName, now: now)
            }
            try? FileManager.default.removeItem(at: staging)
        }
        return recovered
    }

    /// Splits a batch again, skipping lines whose job already exists with the same source.
    private func resumeSplit(batchFile: URL, sourceName: String, now: Date) throws -> [ClaimedJob] {
        let data = try Data(contentsOf: batchFile)
        let base = InboxNaming.baseID(forFileName: sourceName)
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var missing = Data()
        var keptLineNumbers: [Int] = []
        for (offset, line) in lines.enumerated() {
            let id = String(base.prefix(95)) + String(format: "-%04d", offset + 1)
            // Taken when the line's job exists: by its source, or (a status lost to a power cut) by its content.
            if let found = layout.locate(jobID: id),
               (try? StatusFile.read(in: found.folder))?.source == "\(sourceName) line \(offset + 1)"
                || (try? Data(contentsOf: found.folder.appending(path: "project.json"))) == Data(line) {
                missing.append(contentsOf: [UInt8(ascii: "\n")])
                continue
            }
            keptLineNumbers.append(offset + 1)
            missing.append(contentsOf: line)
            missing.append(UInt8(ascii: "\n"))
        }
        let rewritten = batchFile.deletingLastPathComponent().appending(path: "remaining.jsonl")
        try AtomicFile.write(missing, to: rewritten)
        return try split(batchFile: rewritten, sourceName: sourceName, now: now)
    }
}
