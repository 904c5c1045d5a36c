import Foundation
import JobQueue

/// A memory queue with one job of `project`.
func queue(with project: String, id: String = "job") async throws -> (MemoryJobQueue, URL) {
    let root = FileManager.default.temporaryDirectory.appending(path: "pipeline-\(UUID().uuidString.prefix(8))")
    let queue = MemoryJobQueue(root: root)
    try await queue.submit(id: id, project: Data(project.utf8))
    return (queue, root)
}

let quickProject = #"{"topic": "octopus hearts", "niche": "facts", "targetSeconds": 30}"#
