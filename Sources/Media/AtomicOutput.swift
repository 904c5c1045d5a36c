import Foundation

/// Outputs are written under a temporary name beside the final one and renamed when complete, so a
/// crash or a cancel never leaves a partial file that a resumed job would mistake for a finished one
/// (the old system reused half-written MP4s).
enum AtomicOutput {
    /// `video.mp4` → `video.tmp.mp4` in the same folder (same filesystem, so the rename is atomic).
    static func temporary(for output: URL) -> URL {
        let directory = output.deletingLastPathComponent()
        let ext = output.pathExtension
        let stem = output.deletingPathExtension().lastPathComponent
        return directory.appendingPathComponent(ext.isEmpty ? "\(stem).tmp" : "\(stem).tmp.\(ext)")
    }

    /// Runs `write` against the temporary path, then renames it onto `output`. The temporary file is
    /// removed if `write` throws or leaves nothing behind.
    static func write(to output: URL, _ write: (URL) async throws -> Void) async throws {
        let temporary = temporary(for: output)
        try? FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(at: temporary)
        do {
            try await write(temporary)
            let size = (try? FileManager.default.attributesOfItem(atPath: temporary.path)[.size] as? NSNumber)?.intValue ?? 0
            guard size > 0 else { throw MediaError.fileSystem("\(output.lastPathComponent) was not written (empty output)") }
            guard rename(temporary.path, output.path) == 0 else {
                let reason = String(cString: strerror(errno))
                throw MediaError.fileSystem("could not move \(temporary.lastPathComponent) to \(output.lastPathComponent): \(reason)")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
