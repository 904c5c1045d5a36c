import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Free space on a folder's filesystem, as an unprivileged writer sees it (`f_bavail`).
public enum DiskSpace {
    /// Megabytes (MiB) available at `url`, or nil when the filesystem cannot be asked.
    public static func freeMegabytes(at url: URL) -> Int64? {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return nil }
        return Int64(info.f_bavail) * Int64(info.f_frsize) / (1 << 20)
    }

    /// Megabytes (MiB) the filesystem at `url` holds in all (`f_blocks`), or nil when it cannot be asked.
    public static func sizeMegabytes(at url: URL) -> Int64? {
        var info = statvfs()
        guard statvfs(url.path, &info) == 0 else { return nil }
        return Int64(info.f_blocks) * Int64(info.f_frsize) / (1 << 20)
    }
}
