import Foundation

/// A folder of music files by mood — `DIR/<mood>/*.{mp3,m4a,wav,ogg}` — from which each job gets one
/// track, picked by a stable hash of the job's name: the same job always gets the same track (a retry
/// sounds like the first try), and a batch spreads over the whole folder.
public enum MusicLibrary {
    public static let extensions: Set<String> = ["mp3", "m4a", "wav", "ogg"]

    /// The tracks for `mood` (case-insensitive folder name), sorted by file name; empty when none.
    public static func tracks(in directory: URL, mood: String) -> [URL] {
        let manager = FileManager.default
        let wanted = mood.trimmingCharacters(in: .whitespaces).lowercased()
        guard !wanted.isEmpty,
              let folders = try? manager.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isDirectoryKey]),
              let folder = folders.first(where: { $0.lastPathComponent.lowercased() == wanted }),
              let files = try? manager.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return files
            .filter { extensions.contains($0.pathExtension.lowercased()) && !$0.lastPathComponent.hasPrefix(".") }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The track for the job named `key`, or nil when the mood has none.
    public static func pick(in directory: URL, mood: String, key: String) -> URL? {
        let tracks = tracks(in: directory, mood: mood)
        guard !tracks.isEmpty else { return nil }
        return tracks[Int(stableHash(key) % UInt64(tracks.count))]
    }

    /// Where the library is for a job: `MUSIC_LIBRARY_DIR` when set (empty turns the library off),
    /// otherwise `<spool>/../music` for a job inside a spool (its folder's parent is one of
    /// `stateFolders`), otherwise none.
    public static func directory(
        jobFolder: URL, stateFolders: [String], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL? {
        if let configured = environment["MUSIC_LIBRARY_DIR"] {
            return configured.isEmpty ? nil : URL(filePath: configured, directoryHint: .isDirectory)
        }
        let state = jobFolder.standardizedFileURL.deletingLastPathComponent()
        guard stateFolders.contains(state.lastPathComponent) else { return nil }
        return state.deletingLastPathComponent().deletingLastPathComponent().appending(path: "music", directoryHint: .isDirectory)
    }

    /// FNV-1a, 64-bit: the same on every run and machine (Swift's `Hasher` is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
