import Foundation
import JobDocuments
import JobIndex

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
        for state in SpoolLayout.StateFolder.allCases {
            var count = 0
            for id in layout.jobIDs(in: state) {
                let folder = layout.jobFolder(id: id, in: state)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
                guard var status = try? StatusFile.read(in: folder) else {
                    report.unreadable.append("\(state.rawValue)/\(id)")
                    continue
                }
                // The folder's name is the job's id, whatever an edited status says.
                status.id = id
                items.append((status, state.rawValue))
                count += 1
            }
            report.indexed[state.rawValue] = count
        }
        try index.recordMany(items)
        report.purged = try PurgeSweeper(layout: layout, index: index).sweep().marked
        return report
    }
}
