import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Outputs a tool writes (ffmpeg's video, a thumbnail, a converted image) go to a temporary name
/// beside the final one and are renamed when complete, so a crash or a cancel never leaves a partial
/// file that a resumed job would mistake for a finished one (SPEC rule 7).
public enum AtomicOutput {
    /// `video.mp4` → `video.tmp.mp4` in the same folder (same filesystem, so the rename is atomic). The
    /// extension is kept: tools choose their output format from it.
    public static func temporary(for output: URL) -> URL {
        let directory = output.deletingLastPathComponent()
        let ext = output.pathExtension
        let stem = output.deletingPathExtension().lastPathComponent
        return directory.appendingPathComponent(ext.isEmpty ? "\(stem).tmp" : "\(stem).tmp.\(ext)")
    }

    /// Runs `write` against the temporary path, then renames it onto `output`.
    ///
    /// - Throws: whatever `write` throws, or a ``FileSystemError`` when it left an empty file or the
    ///   rename fails. The temporary file is removed in every failing case.
    public static func write(to output: URL, _ write: (URL) async throws -> Void) async throws {
        let temporary = temporary(for: output)
        try? FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: temporary)
        do {
            try await write(temporary)
            var info = stat()
            guard stat(temporary.path, &info) == 0, info.st_size > 0 else {
                throw FileSystemError("\(output.lastPathComponent) was not written (empty output)", ENODATA)
            }
            guard rename(temporary.path, output.path) == 0 else {
                throw FileSystemError("cannot move \(temporary.lastPathComponent) to \(output.lastPathComponent)", errno)
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
