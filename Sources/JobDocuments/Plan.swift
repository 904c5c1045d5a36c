import ProjectModel
/// What a job will say and show: written to `plan.json` by the plan step.
///
/// A person may edit `plan.json` after `stopAfter: "plan"` and drop the job back; every later step
/// reads the plan, never the project file, for content.
public struct Plan: Sendable, Hashable, Codable {
    public var version = 1
    public var niche: String
    public var language: String
    public var scriptTemplate: ScriptTemplate?
    /// Five hook options; `hook` is the one used.
    public var hooks: [String]
    public var hook: String
    public var outline: [String]
    public var scenes: [Scene]
    public var estimate: Estimate
    /// Problems that do not block the render (pacing out of range, …).
    public var warnings: [String]
    /// Where the plan came from: `template` (offline), `project` (the project's own scenes), or a provider.
    public var source: String

    public init(niche: String, language: String, scriptTemplate: ScriptTemplate?, hooks: [String], hook: String,
                outline: [String], scenes: [Scene], estimate: Estimate, warnings: [String], source: String) {
        self.niche = niche
        self.language = language
        self.scriptTemplate = scriptTemplate
        self.hooks = hooks
        self.hook = hook
        self.outline = outline
        self.scenes = scenes
        self.estimate = estimate
        self.warnings = warnings
        self.source = source
    }

    /// The narrations joined by blank lines.
    public var script: String { scenes.map(\.narration).joined(separator: "\n\n") }

    public struct Scene: Sendable, Hashable, Codable {
        public var index: Int
        public var narration: String
        public var onScreenText: String
        /// The image prompt (drawn offline from the pack's palette, or sent to an image provider).
        public var visual: String
        /// The project's own image, as given in the project file; nil means generate or draw one.
        public var image: String?
        /// The project's own video, as given in the project file (never with an ``image``).
        public var video: String?
        public var effect: MotionEffect
        public var targetSeconds: Double

        public init(index: Int, narration: String, onScreenText: String, visual: String, image: String?,
                    video: String? = nil, effect: MotionEffect, targetSeconds: Double) {
            self.index = index
            self.narration = narration
            self.onScreenText = onScreenText
            self.visual = visual
            self.image = image
            self.video = video
            self.effect = effect
            self.targetSeconds = targetSeconds
        }
    }

    public struct Estimate: Sendable, Hashable, Codable {
        public var wordsPerMinute: Int
        public var words: Int
        public var estimatedSeconds: Double
        public var targetSeconds: Int

        public init(wordsPerMinute: Int, words: Int, estimatedSeconds: Double, targetSeconds: Int) {
            self.wordsPerMinute = wordsPerMinute
            self.words = words
            self.estimatedSeconds = estimatedSeconds
            self.targetSeconds = targetSeconds
        }
    }
}
