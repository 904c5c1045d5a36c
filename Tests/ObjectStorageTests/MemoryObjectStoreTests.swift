import Foundation
import ObjectStorage
import Synchronization
import Testing

/// The in-memory store keeps the seam's guarantees, and the orphan sweep on it (with a clock the test
/// moves) deletes only what is old and not kept.
@Suite struct MemoryObjectStoreTests {
    @Test func storesCreatesIfAbsentAndAnswersAbsence() async throws {
        let store = MemoryObjectStore()
        #expect(try await store.put(key: "inputs/abc", data: Data("one".utf8), contentType: "application/json", ifAbsent: true)
                == .stored(etag: "f97c5d29941bfb1b2fdab0874906ab82"))
        #expect(try await store.put(key: "inputs/abc", data: Data("two".utf8), contentType: "application/json", ifAbsent: true) == .alreadyExists)
        #expect(try await store.data(key: "inputs/abc") == Data("one".utf8))
        #expect(await store.contentType(of: "inputs/abc") == "application/json")
        #expect(try await store.head(key: "inputs/abc")?.size == 3)
        #expect(try await store.head(key: "inputs/none") == nil)
        try await store.delete(key: "inputs/none")
        await #expect(throws: ObjectStoreError.self) { try await store.data(key: "inputs/none") }
        await #expect(throws: ObjectStoreError.self) { try await store.put(key: "a/../b", data: Data(), contentType: "x", ifAbsent: false) }
    }

    @Test func downloadsThroughAPartFileAndListsInByteOrder() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "memory-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = MemoryObjectStore()
        for key in ["p/b", "p/a", "p/é", "p/Z", "q/a"] { _ = try await store.put(key: key, data: Data(key.utf8)) }
        #expect(try await store.list(prefix: "p/").map(\.key) == ["p/Z", "p/a", "p/b", "p/é"])
        let target = folder.appending(path: "out")
        try await store.get(key: "p/é", to: target)
        #expect(try Data(contentsOf: target) == Data("p/é".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
        await #expect(throws: ObjectStoreError.self) { try await store.get(key: "p/missing", to: folder.appending(path: "missing")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out"])
    }

    @Test func sweepsOldObjectsThatNoJobKeeps() async throws {
        let clock = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        let store = MemoryObjectStore(now: { clock.withLock { $0 } })
        _ = try await store.put(key: "renders/1/1-aaa/video.mp4", data: Data("lost attempt".utf8))
        _ = try await store.put(key: "renders/1/2-bbb/video.mp4", data: Data("committed".utf8))
        _ = try await store.put(key: "inputs/x", data: Data("not under the prefix".utf8))
        clock.withLock { $0 += 2 * 86_400 }
        _ = try await store.put(key: "renders/2/1-ccc/video.mp4", data: Data("running".utf8))
        let sweep = try await store.sweepOrphans(prefix: "renders/", olderThan: .seconds(86_400), keep: ["renders/1/2-bbb/video.mp4"],
                                                 now: clock.withLock { $0 })
        #expect(sweep.deleted == ["renders/1/1-aaa/video.mp4"])
        #expect(sweep.kept == 1 && sweep.young == 1)
        #expect(try await store.list(prefix: "").map(\.key) == ["inputs/x", "renders/1/2-bbb/video.mp4", "renders/2/1-ccc/video.mp4"])
    }
}
