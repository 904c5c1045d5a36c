import Foundation

/// Settings every job of a daemon or a `render` shares. Built from the environment by the CLI
/// (the runbook's variable names where they exist), then overridden by flags.
public struct PipelineConfiguration: Sendable {
    /// Folders a project's relative file names are looked up in, after the project file's own folder.
    public var assetRoots: [URL] = []
    /// The folder whose fonts the captions use (the `ass` filter's `fontsdir`).
    public var fontsDirectory: URL = URL(filePath: "/usr/share/fonts/opentype/league-spartan")
    /// Longest an ffmpeg run may take before it is killed (`FFMPEG_TIMEOUT_MS`).
    public var ffmpegTimeout: Duration = .seconds(300)
    /// Size the offline painter draws at, relative to the frame, so motion has room to move.
    public var paintOversize: Double = 1.2
    /// `APP_RENDER_DRY_RUN`: steps write small placeholders instead of media.
    public var renderDryRun = false
    /// `APP_DRY_RUN_FAIL_STEP`: fail this step on purpose (tests, drills).
    public var failStep: String?
    /// How many jobs run at once.
    public var maxConcurrentJobs = 2

    public init() {}

    /// Reads `ASSET_ROOT` (colon-separated), `FONTS_DIR`, `FFMPEG_TIMEOUT_MS`, `APP_RENDER_DRY_RUN`,
    /// `APP_DRY_RUN_FAIL_STEP` and `MAX_CONCURRENT_JOBS`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> PipelineConfiguration {
        var configuration = PipelineConfiguration()
        if let roots = environment["ASSET_ROOT"], !roots.isEmpty {
            configuration.assetRoots = roots.split(separator: ":").map { URL(filePath: String($0), directoryHint: .isDirectory) }
        }
        if let fonts = environment["FONTS_DIR"], !fonts.isEmpty {
            configuration.fontsDirectory = URL(filePath: fonts, directoryHint: .isDirectory)
        }
        if let text = environment["FFMPEG_TIMEOUT_MS"], let ms = Int(text), ms > 0 {
            configuration.ffmpegTimeout = .milliseconds(ms)
        }
        configuration.renderDryRun = environment["APP_RENDER_DRY_RUN"] == "1"
        if let step = environment["APP_DRY_RUN_FAIL_STEP"], !step.isEmpty { configuration.failStep = step }
        if let text = environment["MAX_CONCURRENT_JOBS"], let count = Int(text), count > 0 {
            configuration.maxConcurrentJobs = count
        }
        return configuration
    }
}
