/// `export.json`: what a person needs to post the video, and what it is made of.
public struct ExportDocument: Codable, Sendable, Hashable {
    public struct Scene: Codable, Sendable, Hashable {
        public var index: Int
        public var narration: String
        public var onScreenText: String
        public var effect: String
        public var start: Double
        public var end: Double

        public init(index: Int, narration: String, onScreenText: String, effect: String, start: Double, end: Double) {
            self.index = index
            self.narration = narration
            self.onScreenText = onScreenText
            self.effect = effect
            self.start = start
            self.end = end
        }
    }

    public struct PlanSummary: Codable, Sendable, Hashable {
        public var niche: String
        public var scriptTemplate: String?
        public var hook: String
        public var hooks: [String]
        public var outline: [String]
        public var source: String
        public var scenes: [Scene]

        public init(niche: String, scriptTemplate: String?, hook: String, hooks: [String], outline: [String],
                    source: String, scenes: [Scene]) {
            self.niche = niche
            self.scriptTemplate = scriptTemplate
            self.hook = hook
            self.hooks = hooks
            self.outline = outline
            self.source = source
            self.scenes = scenes
        }
    }

    public struct Video: Codable, Sendable, Hashable {
        public var durationSeconds: Double
        public var width: Int
        public var height: Int
        public var fps: Int
        public var sizeBytes: Int64

        public init(durationSeconds: Double, width: Int, height: Int, fps: Int, sizeBytes: Int64) {
            self.durationSeconds = durationSeconds
            self.width = width
            self.height = height
            self.fps = fps
            self.sizeBytes = sizeBytes
        }
    }

    /// A still of the video: the cover (the title card moment), the first frame, the middle.
    public struct Thumbnail: Codable, Sendable, Hashable {
        public var file: String
        public var seconds: Double
        public var role: String

        public init(file: String, seconds: Double, role: String) {
            self.file = file
            self.seconds = seconds
            self.role = role
        }
    }

    /// The finished mix as measured on the file (EBU R128).
    public struct Audio: Codable, Sendable, Hashable {
        public var integratedLUFS: Double
        public var truePeakDb: Double

        public init(integratedLUFS: Double, truePeakDb: Double) {
            self.integratedLUFS = integratedLUFS
            self.truePeakDb = truePeakDb
        }
    }

    /// A scene's stock photo or video and whom to credit for it (``MediaCredit``).
    public struct Credit: Codable, Sendable, Hashable {
        public var scene: Int
        /// `image` or `video`.
        public var kind: String
        public var source: String
        public var author: String
        public var authorUrl: String?
        public var url: String

        public init(scene: Int, kind: String, credit: MediaCredit) {
            self.scene = scene
            self.kind = kind
            self.source = credit.source
            self.author = credit.author
            self.authorUrl = credit.authorURL
            self.url = credit.url
        }
    }

    public var version = 1
    /// Present and true for a dry run (`APP_RENDER_DRY_RUN=1`): placeholders, no video was made or checked.
    public var dryRun: Bool?
    public var title: String
    public var caption: String
    public var hashtags: [String]
    public var topic: String
    public var language: String
    public var plan: PlanSummary
    public var video: Video
    public var audio: Audio?
    public var thumbnails: [Thumbnail]
    public var artifacts: [String: String]
    /// The stock pictures shown, in scene order, with whom to credit; empty when every picture is ours.
    public var credits: [Credit]

    public init(dryRun: Bool? = nil, title: String, caption: String, hashtags: [String], topic: String, language: String,
                plan: PlanSummary, video: Video, audio: Audio?, thumbnails: [Thumbnail], artifacts: [String: String],
                credits: [Credit] = []) {
        self.dryRun = dryRun
        self.title = title
        self.caption = caption
        self.hashtags = hashtags
        self.topic = topic
        self.language = language
        self.plan = plan
        self.video = video
        self.audio = audio
        self.thumbnails = thumbnails
        self.artifacts = artifacts
        self.credits = credits
    }
}
