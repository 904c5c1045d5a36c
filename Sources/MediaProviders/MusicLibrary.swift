import Foundation
import Providers

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
        return tracks[Int(StableRandom.hash([key]) % UInt64(tracks.count))]
    }
}
