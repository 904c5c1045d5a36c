import FileSafety
import Foundation
import JobDocuments

/// Where everything in a spool lives: the one type that builds a path into a state folder or a
/// staging folder (``FolderQueue`` makes every move along these paths).
///
/// The state folders are the state machine: a job is in exactly one of `queued/`, `running/`, `done/`
/// or `failed/` (canceled jobs too), and moves between them by `rename(2)`. Work in progress is under
/// hidden names inside them, which no reader takes for a job:
/// - `STATE/.claim-ID/`: a job folder being built (a claim, a retry, a returned folder), published by
///   renaming it to `STATE/ID`;
/// - `queued/.split-TOKEN/`: a batch being split into jobs, with the ids its lines were given;
/// - `STATE/.purge-ID-TOKEN/`: a folder being deleted by `cleanup`.
public struct SpoolLayout: Sendable, Hashable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    /// The folders a job can be in, in pipeline order.
    public enum StateFolder: String, Sendable, CaseIterable, Codable {
        case queued, running, done, failed

        /// The folder a job in `state` lives in.
        public init(_ state: JobState) {
            switch state {
            case .queued: self = .queued
            case .running: self = .running
            case .done: self = .done
            case .failed, .canceled: self = .failed
            }
        }
    }

    public var inbox: URL { root.appending(path: "inbox", directoryHint: .isDirectory) }
    public var indexFile: URL { root.appending(path: "index.sqlite") }
    public var lockFile: URL { root.appending(path: ".lock") }
    /// Written by a crashing daemon (``CrashMarker``).
    public var crashMarker: URL { root.appending(path: ".crash") }
    /// While this file exists no new job is started (maintenance mode).
    public var pauseFile: URL { root.appending(path: "PAUSE") }

    public func folder(_ state: StateFolder) -> URL {
        root.appending(path: state.rawValue, directoryHint: .isDirectory)
    }

    public func folder(for state: JobState) -> URL { folder(StateFolder(state)) }

    /// `STATE/ID`: a published job folder.
    public func jobFolder(id: String, in state: StateFolder) -> URL {
        folder(state).appending(path: id, directoryHint: .isDirectory)
    }

    public func jobFolder(id: String, state: JobState) -> URL { jobFolder(id: id, in: StateFolder(state)) }

    /// `inbox/NAME`: a dropped file, or a job folder moved back in.
    public func inboxEntry(_ name: String) -> URL { inbox.appending(path: name) }

    // MARK: Work in progress

    static let stagingPrefix = ".claim-"
    static let splitPrefix = ".split-"
    static let purgePrefix = ".purge-"

    /// `STATE/.claim-ID`: where a job folder is built before it is published as `STATE/ID`.
    public func stagingFolder(id: String, in state: StateFolder) -> URL {
        folder(state).appending(path: Self.stagingPrefix + id, directoryHint: .isDirectory)
    }

    /// The job id a staging folder's name carries, or nil when `name` is not one.
    static func stagedID(_ name: String) -> String? {
        name.hasPrefix(stagingPrefix) ? String(name.dropFirst(stagingPrefix.count)) : nil
    }

    /// `queued/.split-TOKEN`: where a batch waits while its lines become jobs.
    func splitFolder(token: String) -> URL {
        folder(.queued).appending(path: Self.splitPrefix + token, directoryHint: .isDirectory)
    }

    /// Every batch whose split is under way (or was interrupted).
    func splitFolders() -> [URL] {
        hiddenEntries(of: .queued).filter { $0.hasPrefix(Self.splitPrefix) }.map {
            folder(.queued).appending(path: $0, directoryHint: .isDirectory)
        }
    }

    /// `STATE/.purge-ID-TOKEN`: a folder renamed away before it is deleted, so a half-deleted folder
    /// is never taken for a job.
    func purgeFolder(id: String, in state: StateFolder) -> URL {
        folder(state).appending(path: "\(Self.purgePrefix)\(id)-\(UInt32.random(in: 0...UInt32.max))", directoryHint: .isDirectory)
    }

    /// Purge folders an interrupted cleanup left.
    func purgeLeftovers() -> [URL] {
        StateFolder.allCases.flatMap { state in
            hiddenEntries(of: state).filter { $0.hasPrefix(Self.purgePrefix) }.map { folder(state).appending(path: $0) }
        }
    }

    // MARK: Reading the folders

    /// Creates the spool's folders if they are missing, and asks the filesystem to spread the job
    /// folders of each state folder over the disk (``FolderSpreading``; a hint, never an error).
    public func create() throws {
        for folder in [inbox] + StateFolder.allCases.map(folder) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for state in StateFolder.allCases {
            FolderSpreading.spreadSubfolders(of: folder(state))
        }
    }

    public var isPaused: Bool { FileManager.default.fileExists(atPath: pauseFile.path) }

    /// The job folder for `id` wherever it is now, with the state folder it is in.
    public func locate(jobID id: String) -> (folder: URL, state: StateFolder)? {
        for state in StateFolder.allCases {
            let candidate = jobFolder(id: id, in: state)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return (candidate, state)
            }
        }
        return nil
    }

    /// The job ids in one state folder, skipping hidden entries (work in progress).
    public func jobIDs(in state: StateFolder) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder(state).path)) ?? []
        return entries.filter { !$0.hasPrefix(".") }.sorted()
    }

    /// The ids of jobs being built under staging names in `state`.
    func stagedIDs(in state: StateFolder) -> [String] {
        hiddenEntries(of: state).compactMap(Self.stagedID).sorted()
    }

    /// True when `id` is taken by a folder: published, or being built under its staging name.
    /// Plain paths and lstat: this runs for every claimed file, and URL building was most of its cost.
    func hasFolder(for id: String) -> Bool {
        let base = root.path
        var info = stat()
        for state in StateFolder.allCases {
            if lstat("\(base)/\(state.rawValue)/\(id)", &info) == 0
                || lstat("\(base)/\(state.rawValue)/\(Self.stagingPrefix)\(id)", &info) == 0 { return true }
        }
        return false
    }

    private func hiddenEntries(of state: StateFolder) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder(state).path)) ?? []).filter { $0.hasPrefix(".") }.sorted()
    }
}
