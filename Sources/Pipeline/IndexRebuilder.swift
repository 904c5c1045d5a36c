import Foundation
import JobIndex
import ProjectModel
import Spool

/// `reindex`: rebuilds the index from the folders alone — the folders are the truth, the index a
/// mirror (SPEC "index.sqlite … rebuildable from the folders").
public struct IndexRebuilder: Sendable {
    public let layout: SpoolLayout
    public let index: JobIndexDatabase

    public init(layout: SpoolLayout, index: JobIndexDatabase) {
        self.layout = layout
        self.index = index
    }

    public struct Report: Sendable, Codable, Equatable {
        /// Jobs recorded, by state folder.
        public var indexed: [String: Int] = [:]
        /// Jobs the index knew whose folders are gone, now marked purged.
        public var purged: [String] = []
        /// Folders whose `status.json` is missing or unreadable (left as they are, not indexed).
        public var unreadable: [String] = []
    }

    public func rebuild() throws -> Report {
        var report = Report()
        var items: [(JobStatus, String)] = []
        for name in SpoolLayout.stateFolderNames {
            var count = 0
            for id in layout.jobIDs(inFolder: name) {
                let folder = layout.folder(named: name).appending(path: id, directoryHint: .isDirectory)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                guard var status = try? StatusFile.read(in: folder) else {
                    report.unreadable.append("\(name)/\(id)")
                    continue
                }
                // The folder's name is the job's id, whatever an edited status says.
                status.id = id
                items.append((status, name))
                count += 1
            }
            report.indexed[name] = count
        }
        try index.recordMany(items)
        report.purged = try PurgeSweeper(layout: layout, index: index).sweep().marked
        return report
    }
}
