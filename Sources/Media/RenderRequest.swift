import Foundation
import ProjectModel

/// One scene on the timeline: a still image and how it moves, or a video clip.
public struct RenderScene: Sendable, Hashable {
    /// What a scene shows.
    public enum Picture: Sendable, Hashable {
        /// A still image, moved over by the scene's effect.
        case still(URL)
        /// A video clip, trimmed or looped to the scene, scaled and cropped to cover the frame; its
        /// sound is never used (the voice and the music are the mix).
        case clip(URL)

        public var file: URL {
            switch self {
            case .still(let url), .clip(let url): url
            }
        }
    }

    public var picture: Picture
    /// Seconds from the start of the video.
    public var start: Double
    public var duration: Double
    /// A still's motion; for a clip only its treatment (fade, flash, glitch) applies: the clip moves itself.
    public var effect: MotionEffect

    public init(picture: Picture, start: Double, duration: Double, effect: MotionEffect) {
        self.picture = picture
        self.start = start
        self.duration = duration
        self.effect = effect
    }

    /// A still image's scene.
    public init(image: URL, start: Double, duration: Double, effect: MotionEffect) {
        self.init(picture: .still(image), start: start, duration: duration, effect: effect)
    }
}

/// Everything one render needs. Scenes tile the timeline; the voice-over runs from 0 s.
public struct RenderRequest: Sendable, Hashable {
    public var scenes: [RenderScene]
    /// The voice-over (WAV), padded with silence to ``duration``.
    public var voice: URL
    /// Seconds of silence before the voice-over starts (0: it starts with the video).
    public var voiceDelay: Double
    /// An optional music bed, looped if short, ducked under the voice, faded out at the end.
    public var music: URL?
    /// The mix's gains; nil has ``Renderer`` measure them before encoding (see ``MixMastering``).
    public var levels: MixLevels?
    /// The loudness the mix is mastered to.
    public var loudness: LoudnessTarget
    /// An ASS file burned into the picture.
    public var captions: URL?
    /// Fonts the captions use (`fontsdir` of the `ass` filter).
    public var fontsDirectory: URL?
    public var width: Int
    public var height: Int
    public var fps: Int
    /// Total length in seconds; the output is cut to exactly this.
    public var duration: Double
    public var output: URL
    /// One transition per scene change (missing ones are cuts), centred on the change, which stays
    /// where it is; each is shortened to fit its scenes, or becomes a cut below two frames.
    public var transitions: [SceneTransition]
    public var encoder: EncoderSettings

    public init(
        scenes: [RenderScene], voice: URL, voiceDelay: Double = 0, music: URL? = nil, levels: MixLevels? = nil,
        loudness: LoudnessTarget = .platform, captions: URL? = nil, fontsDirectory: URL? = nil,
        width: Int = 1080, height: Int = 1920, fps: Int = 30,
        duration: Double, output: URL, transitions: [SceneTransition] = [], encoder: EncoderSettings = .standard
    ) {
        self.scenes = scenes
        self.voice = voice
        self.voiceDelay = voiceDelay
        self.music = music
        self.levels = levels
        self.loudness = loudness
        self.captions = captions
        self.fontsDirectory = fontsDirectory
        self.width = width
        self.height = height
        self.fps = fps
        self.duration = duration
        self.output = output
        self.transitions = transitions
        self.encoder = encoder
    }

    /// Total frames: `duration × fps`, rounded.
    public var frameCount: Int { Int((duration * Double(fps)).rounded()) }

    /// Throws ``MediaError/invalidRequest(_:)`` for a request ffmpeg could not render.
    public func validate() throws(MediaError) {
        guard !scenes.isEmpty else { throw .invalidRequest("no scenes to render") }
        guard duration.isFinite, duration > 0 else { throw .invalidRequest("duration must be positive, got \(duration)") }
        guard width >= 16, height >= 16, width % 2 == 0, height % 2 == 0 else {
            throw .invalidRequest("frame size must be even and at least 16x16, got \(width)x\(height)")
        }
        guard (1...120).contains(fps) else { throw .invalidRequest("fps must be 1–120, got \(fps)") }
        if let levels, ![levels.voiceGainDb, levels.musicGainDb, levels.masterGainDb].allSatisfy(\.isFinite) {
            throw .invalidRequest("mix gains must be numbers")
        }
        guard voiceDelay.isFinite, voiceDelay >= 0 else { throw .invalidRequest("voice delay must be zero or positive") }
        for (index, transition) in transitions.enumerated() where !(transition.seconds.isFinite && transition.seconds >= 0) {
            throw .invalidRequest("transition \(index + 1) must last zero or more seconds")
        }
        for (index, scene) in scenes.enumerated() where !(scene.start.isFinite && scene.duration.isFinite) {
            throw .invalidRequest("scene \(index + 1) has a non-numeric start or duration")
        }
    }
}
