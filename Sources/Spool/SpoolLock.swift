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
}
