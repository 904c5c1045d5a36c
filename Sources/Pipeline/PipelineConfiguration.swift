import Foundation

/// Settings every job of a daemon or a `render` shares. Built from the environment by the CLI
/// (the runbook's variable names where they exist), then overridden by flags.
public struct PipelineConfiguration: Sendable {
    /// Folders a project's relative file names are looked up in, after the project file's own folder.
    public var assetRoots: [URL] = []
    /// The folder whose fonts the captions use (the `ass` filter's `fontsdir`).
    public var fontsDirectory: URL = URL(filePath: "/usr/share/fonts/opentype/league-spartan")
    /// Longest an ffmpeg run may take before it is killed (`FFMPEG_TIMEOUT_MS`). A whole step gets
    /// this plus ``stepTimeoutGrace``, so a step that hangs outside ffmpeg is stopped too.
    public var ffmpegTimeout: Duration = .seconds(300)
    /// Extra time a step gets beyond ``ffmpegTimeout``, so ffmpeg's own timeout (the clearer message) fires first.
    public var stepTimeoutGrace: Duration = .seconds(2)
    /// Size the offline painter draws at, relative to the frame, so motion has room to move.
    public var paintOversize: Double = 1.2
    /// `APP_RENDER_DRY_RUN`: steps write small placeholders instead of media.
    public var renderDryRun = false
    /// `APP_DRY_RUN_STEP_DELAY_MS`: a pause before every step (tests and drills: makes "running" last).
    public var stepDelay: Duration = .zero
    /// `APP_DRY_RUN_FAIL_STEP`: fail this step on purpose (tests, drills).
    public var failStep: String?
    /// How many jobs run at once.
    public var maxConcurrentJobs = 2
    /// `MIN_FREE_DISK_MB`: no render starts with less free space than this on the spool's filesystem.
    public var minFreeDiskMB: Int64 = 500
    /// `MAX_SAME_FAILURES`: attempts ending the same way in a row before automatic retries stop (0: never).
    public var sameFailureLimit = 3

    public init() {}

    /// Reads `ASSET_ROOT` (colon-separated), `FONTS_DIR`, `FFMPEG_TIMEOUT_MS`, `APP_RENDER_DRY_RUN`,
    /// `APP_DRY_RUN_STEP_DELAY_MS`, `APP_DRY_RUN_FAIL_STEP`, `MAX_CONCURRENT_JOBS`, `MIN_FREE_DISK_MB`
    /// and `MAX_SAME_FAILURES`.
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
        if let text = environment["APP_DRY_RUN_STEP_DELAY_MS"], let ms = Int(text), ms > 0 {
            configuration.stepDelay = .milliseconds(ms)
        }
        if let step = environment["APP_DRY_RUN_FAIL_STEP"], !step.isEmpty { configuration.failStep = step }
        if let text = environment["MAX_CONCURRENT_JOBS"], let count = Int(text), count > 0 {
            configuration.maxConcurrentJobs = count
        }
        if let text = environment["MIN_FREE_DISK_MB"], let mb = Int64(text), mb >= 0 {
            configuration.minFreeDiskMB = mb
        }
        if let text = environment["MAX_SAME_FAILURES"], let count = Int(text), count >= 0 {
            configuration.sameFailureLimit = count
        }
        return configuration
    }

    /// How the timeout is named in messages: the variable and its value.
    var ffmpegTimeoutSetting: String {
        let ms = ffmpegTimeout.components.seconds * 1000 + ffmpegTimeout.components.attoseconds / 1_000_000_000_000_000
        return "FFMPEG_TIMEOUT_MS=\(ms)"
    }
}
