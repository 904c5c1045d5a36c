import FileSafety
import Foundation
import ProjectModel

/// Where everything in a spool lives. The state folders are the state machine: a job is in exactly
/// one of `queued/`, `running/`, `done/` or `failed/`, and moves between them by `rename(2)`.
public struct SpoolLayout: Sendable, Hashable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var inbox: URL { root.appending(path: "inbox", directoryHint: .isDirectory) }
    public var queued: URL { folder(for: .queued) }
    public var running: URL { folder(for: .running) }
    public var done: URL { folder(for: .done) }
    public var failed: URL { folder(for: .failed) }
    public var indexFile: URL { root.appending(path: "index.sqlite") }
    public var lockFile: URL { root.appending(path: ".lock") }
    /// While this file exists no new job is started (maintenance mode).
    public var pauseFile: URL { root.appending(path: "PAUSE") }

    /// The folders a job can be in, in pipeline order.
    public static let stateFolderNames = ["queued", "running", "done", "failed"]

    public func folder(for state: JobState) -> URL {
        root.appending(path: state.folderName, directoryHint: .isDirectory)
    }

    public func folder(named name: String) -> URL {
        root.appending(path: name, directoryHint: .isDirectory)
    }

    public func jobFolder(id: String, state: JobState) -> URL {
        folder(for: state).appending(path: id, directoryHint: .isDirectory)
    }

    /// Creates the spool's folders if they are missing, and asks the filesystem to spread the job
    /// folders of each state folder over the disk (``FolderSpreading``; a hint, never an error).
    public func create() throws {
        for folder in [inbox] + Self.stateFolderNames.map(folder(named:)) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        for name in Self.stateFolderNames {
            FolderSpreading.spreadSubfolders(of: folder(named: name))
        }
    }

    public var isPaused: Bool { FileManager.default.fileExists(atPath: pauseFile.path) }

    /// The job folder for `id` wherever it is now, with the state folder it is in.
    public func locate(jobID id: String) -> (folder: URL, stateFolder: String)? {
        for name in Self.stateFolderNames {
            let candidate = folder(named: name).appending(path: id, directoryHint: .isDirectory)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return (candidate, name)
            }
        }
        return nil
    }

    /// The job ids in one state folder, skipping hidden entries (staging folders start with `.`).
    public func jobIDs(inFolder name: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder(named: name).path)) ?? []
        return entries.filter { !$0.hasPrefix(".") }.sorted()
    }
}
