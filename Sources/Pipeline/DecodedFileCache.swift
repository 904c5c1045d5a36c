import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The documents of one job (`plan.json`, `timings.json`) decoded once and reused by the steps that
/// follow, for as long as the file on disk is the same file: a step that rewrites it (always by
/// rename, so a new inode) makes the next read decode again.
final class DecodedFileCache: Sendable {
    private struct Entry {
        var identity: FileIdentity
        var value: any Sendable
    }

    /// What tells one version of a file from the next.
    private struct FileIdentity: Equatable {
        var inode: UInt64
        var size: Int64
        var modified: timespec

        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
        }

        static func == (a: Self, b: Self) -> Bool {
            a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
        }
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// The document at `url` decoded as `T`, from the cache when the file has not changed since.
    func decode<T: Decodable & Sendable>(_ type: T.Type, from url: URL) throws -> T {
        let path = url.path
        let identity = FileIdentity(path: path)
        if let identity, let hit = entries.withLock({ $0[path] }), hit.identity == identity, let value = hit.value as? T {
            return value
        }
        let value = try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
        if let identity {
            entries.withLock { $0[path] = Entry(identity: identity, value: value) }
        }
        return value
    }
}
