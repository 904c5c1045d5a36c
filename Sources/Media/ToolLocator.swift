import Foundation
import Synchronization

/// Finds ffmpeg and ffprobe: the configured paths (`FFMPEG_PATH`, `FFPROBE_PATH`, set once at start
/// from the settings with ``configure(_:)``), else `ffmpeg` on `PATH`; ffprobe else beside ffmpeg.
///
/// Resolution is cheap and uncached, so a tool installed while the daemon runs is found by the next job.
public enum ToolLocator {
    /// Explicit tool paths; nil means "look on PATH".
    public struct Paths: Sendable, Equatable {
        public var ffmpeg: String?
        public var ffprobe: String?
        /// The `PATH` searched for tools that have no explicit path.
        public var searchPath: String?

        public init(ffmpeg: String? = nil, ffprobe: String? = nil, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]) {
            self.ffmpeg = ffmpeg.flatMap { $0.isEmpty ? nil : $0 }
            self.ffprobe = ffprobe.flatMap { $0.isEmpty ? nil : $0 }
            self.searchPath = searchPath
        }
    }

    private static let configured = Mutex(Paths())

    /// Sets the tool paths every later call uses (the composition root does this once, from the settings).
    public static func configure(_ paths: Paths) { configured.withLock { $0 = paths } }

    /// The paths in use now.
    public static var paths: Paths { configured.withLock { $0 } }

    /// The absolute path of ffmpeg.
    public static func ffmpeg(_ paths: Paths = ToolLocator.paths) throws(MediaError) -> String {
        if let configured = paths.ffmpeg {
            guard isExecutable(configured) else {
                throw .toolNotFound(tool: "ffmpeg", detail: "FFMPEG_PATH=\(configured) is not an executable file")
            }
            return configured
        }
        if let found = search("ffmpeg", in: paths.searchPath) { return found }
        throw .toolNotFound(tool: "ffmpeg", detail: "not on PATH and FFMPEG_PATH is not set")
    }

    /// The absolute path of ffprobe.
    public static func ffprobe(_ paths: Paths = ToolLocator.paths) throws(MediaError) -> String {
        if let configured = paths.ffprobe {
            guard isExecutable(configured) else {
                throw .toolNotFound(tool: "ffprobe", detail: "FFPROBE_PATH=\(configured) is not an executable file")
            }
            return configured
        }
        if let found = search("ffprobe", in: paths.searchPath) { return found }
        if let ffmpeg = try? ffmpeg(paths) {
            let beside = URL(fileURLWithPath: ffmpeg).deletingLastPathComponent().appendingPathComponent("ffprobe").path
            if isExecutable(beside) { return beside }
        }
        throw .toolNotFound(tool: "ffprobe", detail: "not on PATH, not beside ffmpeg, and FFPROBE_PATH is not set")
    }

    /// The program names the tools run under (for finding orphaned ones): `ffmpeg`, `ffprobe`, and the
    /// base names of configured paths.
    public static var programNames: Set<String> {
        let paths = self.paths
        var names: Set<String> = ["ffmpeg", "ffprobe"]
        for path in [paths.ffmpeg, paths.ffprobe].compactMap({ $0 }) {
            if let name = path.split(separator: "/").last { names.insert(String(name)) }
        }
        return names
    }

    /// The first line of `ffmpeg -version` (for `doctor` and the health check).
    public static func ffmpegVersion() async throws -> String {
        let result = try await ProcessRunner.run(try ffmpeg(), ["-hide_banner", "-version"], timeout: .seconds(10))
        return result.stdout.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    private static func search(_ name: String, in path: String?) -> String? {
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for directory in directories where directory.hasPrefix("/") {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutable(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: path)
    }
}
