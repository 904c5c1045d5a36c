import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One daemon per spool (SPEC rule 11): an exclusive `flock` on `spool/.lock`, held for the life of
/// the process. The lock file records the holder's pid for the error message of a second daemon.
/// The kernel releases the lock when the process dies, however it dies.
public final class SpoolLock: Sendable {
    private let fd: Int32

    public init(layout: SpoolLayout) throws {
        let path = layout.lockFile.path
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SpoolError.io("cannot open \(path)", errno) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(fd)
            throw SpoolError.locked("another tiktok-ai daemon\(holder.isEmpty ? "" : " (pid \(holder))") is already serving the spool \(layout.root.path); stop it first")
        }
        ftruncate(fd, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { Glibc.write(fd, $0, strlen($0)) }
        self.fd = fd
    }

    deinit { close(fd) }

    /// The pid of the daemon serving `layout`, or nil when none is. Read from the lock file and
    /// checked against the live processes, without touching the lock itself (taking it, even
    /// briefly, could make a daemon starting at that moment refuse to run).
    public static func holder(of layout: SpoolLayout) -> Int32? {
        guard let text = try? String(contentsOf: layout.lockFile, encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0, pid != getpid() else { return nil }
        guard kill(pid, 0) == 0 || errno == EPERM else { return nil }
        // A pid recorded by a daemon that died may since belong to another program.
        if let command = try? Data(contentsOf: URL(filePath: "/proc/\(pid)/cmdline")) {
            return String(decoding: command, as: UTF8.self).contains("tiktok-ai") ? pid : nil
        }
        return pid
    }
}
