/// What ffprobe says about a media file: enough to verify a render and to time a voice-over.
public struct MediaInfo: Sendable, Hashable {
    public struct VideoStream: Sendable, Hashable {
        public var codec: String
        public var profile: String?
        public var width: Int
        public var height: Int
        public var pixelFormat: String?
        /// Average frames per second (`avg_frame_rate` as a number), 0 when unknown.
        public var frameRate: Double
        public var duration: Double?
    }

    public struct AudioStream: Sendable, Hashable {
        public var codec: String
        public var sampleRate: Int
        public var channels: Int
        public var duration: Double?
    }

    /// The container's duration in seconds (0 when ffprobe reports none).
    public var duration: Double
    public var sizeBytes: Int64
    /// ffprobe's `format_name`, e.g. `mov,mp4,m4a,3gp,3g2,mj2`.
    public var formatName: String
    public var videoStreams: [VideoStream]
    public var audioStreams: [AudioStream]

    public init(duration: Double, sizeBytes: Int64, formatName: String = "", videoStreams: [VideoStream] = [],
                audioStreams: [AudioStream] = []) {
        self.duration = duration
        self.sizeBytes = sizeBytes
        self.formatName = formatName
        self.videoStreams = videoStreams
        self.audioStreams = audioStreams
    }
}
