/// The one encode every video gets: H.264 High yuv420p and AAC 48 kHz in MP4 with `+faststart`, as the
/// platform expects. A struct so a benchmark can encode with exactly the same settings.
public struct EncoderSettings: Sendable, Hashable {
    public var videoCodec = "libx264"
    public var profile = "high"
    public var pixelFormat = "yuv420p"
    /// `veryfast`: most of x264's quality for a fraction of `medium`'s time on two cores.
    public var preset = "veryfast"
    public var crf = 21
    /// Keyframe interval in frames (2 s at 30 fps).
    public var keyframeInterval = 60
    public var audioCodec = "aac"
    public var audioBitrate = "160k"
    public var audioSampleRate = 48000

    public init() {}

    public static let standard = EncoderSettings()

    /// Video encoder options for output at `fps`, tagged BT.709 (the matrix the render converts with).
    public func videoArguments(fps: Int) -> [String] {
        [
            "-c:v", videoCodec, "-profile:v", profile, "-pix_fmt", pixelFormat,
            "-preset", preset, "-crf", String(crf), "-r", String(fps), "-g", String(keyframeInterval),
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
        ]
    }

    public var audioArguments: [String] {
        ["-c:a", audioCodec, "-b:a", audioBitrate, "-ar", String(audioSampleRate)]
    }

    /// MP4 with the index up front, so playback starts before the download ends.
    public var containerArguments: [String] {
        ["-movflags", "+faststart", "-f", "mp4"]
    }
}
