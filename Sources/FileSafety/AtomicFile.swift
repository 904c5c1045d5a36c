import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes that a reader never sees half-done: write a temp file beside the target, fsync it,
/// rename it over the target, fsync the folder (SPEC rule 5; fsync(2) on why the folder too).
public enum AtomicFile {
    /// Writes `data` to `url` through a temp file and a rename. With `durable: false` neither the file
    /// nor the folder is fsynced: still atomic for readers, but a power cut may leave the old file
    /// or none, for outputs that are cheap to make again.
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appending(path: ".\(url.lastPathComponent).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError("cannot create \(temp.path)", errno) }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        do {
            try writeAll(data, to: fd, path: temp.path)
        } catch {
            close(fd)
            throw error
        }
        if durable, fsync(fd) != 0 {
            let code = errno
            close(fd)
            throw FileSystemError("cannot fsync \(temp.path)", code)
        }
        close(fd)
        guard rename(temp.path, url.path) == 0 else { throw FileSystemError("cannot rename onto \(url.path)", errno) }
        ok = true
        if durable { syncFolder(folder) }
    }

    /// Writes `data` to `url` in place (created or truncated), without fsync: for files nobody reads
    /// yet, such as those of a hidden staging folder flushed later. (Foundation's `Data.write` fsyncs.)
    public static func writeInPlace(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystemError("cannot create \(url.path)", errno) }
        defer { close(fd) }
        try writeAll(data, to: fd, path: url.path)
    }

    /// `write(2)` until every byte is written (it may write less than asked), retrying on `EINTR`.
    private static func writeAll(_ data: Data, to fd: Int32, path: String) throws {
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw FileSystemError("cannot write \(path)", errno)
                }
                offset += written
            }
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk.
    public static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// `rename(2)`, then an fsync of the destination folder; the error names both paths.
    public static func move(_ source: URL, to destination: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw FileSystemError("cannot move \(source.path) to \(destination.path)", errno)
        }
        syncFolder(destination.deletingLastPathComponent())
    }
}

/// A file operation that failed, with the path and the system's reason.
public struct FileSystemError: Error, CustomStringConvertible, Sendable {
    public var what: String
    public var code: Int32

    public init(_ what: String, _ code: Int32) {
        self.what = what
        self.code = code
    }

    public var description: String { "\(what): \(String(cString: strerror(code)))" }

    /// True when the disk was full.
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }
}
