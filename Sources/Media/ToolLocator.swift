import Foundation

/// Finds ffmpeg and ffprobe the way the runbook documents: `FFMPEG_PATH`, else `ffmpeg` on `PATH`;
/// `FFPROBE_PATH`, else `ffprobe` on `PATH`, else the `ffprobe` beside the resolved ffmpeg.
///
/// Resolution is cheap and uncached, so a changed environment (tests, a config reload) is honoured.
public enum ToolLocator {
    /// The absolute path of ffmpeg.
    public static func ffmpeg(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MediaError) -> String {
        if let configured = nonEmpty(environment["FFMPEG_PATH"]) {
            guard isExecutable(configured) else {
                throw .toolNotFound(tool: "ffmpeg", detail: "FFMPEG_PATH=\(configured) is not an executable file")
            }
            return configured
        }
        if let found = search("ffmpeg", in: environment["PATH"]) { return found }
        throw .toolNotFound(tool: "ffmpeg", detail: "not on PATH and FFMPEG_PATH is not set")
    }

    /// The absolute path of ffprobe.
    public static func ffprobe(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(MediaError) -> String {
        if let configured = nonEmpty(environment["FFPROBE_PATH"]) {
            guard isExecutable(configured) else {
                throw .toolNotFound(tool: "ffprobe", detail: "FFPROBE_PATH=\(configured) is not an executable file")
            }
            return configured
        }
        if let found = search("ffprobe", in: environment["PATH"]) { return found }
        if let ffmpeg = try? ffmpeg(environment: environment) {
            let beside = URL(fileURLWithPath: ffmpeg).deletingLastPathComponent().appendingPathComponent("ffprobe").path
            if isExecutable(beside) { return beside }
        }
        throw .toolNotFound(tool: "ffprobe", detail: "not on PATH, not beside ffmpeg, and FFPROBE_PATH is not set")
    }

    /// The first line of `ffmpeg -version` (for `doctor` and the health check).
    public static func ffmpegVersion(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> String {
        let result = try await ProcessRunner.run(try ffmpeg(environment: environment), ["-hide_banner", "-version"], timeout: .seconds(10))
        return result.stdout.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return value
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
