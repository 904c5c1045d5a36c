import Foundation
import JobDocuments

/// What every job of a daemon (or a `render`) shares, handed in by whoever composes the pipeline; the
/// CLI builds it from the settings (environment < config file < flags).
public struct PipelineSettings: Sendable {
    /// Folders a project's relative file names are looked up in, after the project file's own folder
    /// (`ASSET_ROOT`).
    public var assetRoots: [URL] = []
    /// The folder whose fonts the captions use (`FONTS_DIR`; the `ass` filter's `fontsdir`).
    public var fontsDirectory = URL(filePath: "/usr/share/fonts/opentype/league-spartan")
    /// Longest an ffmpeg run may take before it is killed (`FFMPEG_TIMEOUT_MS`). A whole step gets
    /// this plus ``stepTimeoutGrace``, so a step that hangs outside ffmpeg is stopped too.
    public var ffmpegTimeout: Duration = .seconds(300)
    /// Extra time a step gets beyond ``ffmpegTimeout``, so ffmpeg's own timeout (the clearer message) fires first.
    public var stepTimeoutGrace: Duration = .seconds(2)
    /// Pictures are made this much larger than the frame, so motion has room to move.
    public var imageOversize = 1.2
    /// Scenes whose pictures are made at once (`MAX_CONCURRENT_IMAGE_GENERATION`): image APIs take
    /// seconds a picture, so a job's scenes wait on them together rather than in turn.
    public var maxConcurrentImageGeneration = 3
    /// No render starts with less free space than this on the job's filesystem (`MIN_FREE_DISK_MB`):
    /// the job waits in the queue instead.
    public var minFreeDiskMB: Int64 = 500
    /// Drills (`APP_DRY_RUN_STEP_DELAY_MS`): a pause before every step, so "running" lasts.
    public var stepDelay: Duration = .zero
    /// Drills (`APP_DRY_RUN_FAIL_STEP`): this step fails on purpose.
    public var failStep: PipelineStep?
    /// The most one job may spend on paid provider calls, unless its project says (`MAX_JOB_COST_USD`); nil: no cap.
    public var maxJobCostUsd: Double?

    public init() {}

    /// How the timeout is named in messages: the variable and its value.
    public var ffmpegTimeoutSetting: String {
        let ms = ffmpegTimeout.components.seconds * 1000 + ffmpegTimeout.components.attoseconds / 1_000_000_000_000_000
        return "FFMPEG_TIMEOUT_MS=\(ms)"
    }
}
