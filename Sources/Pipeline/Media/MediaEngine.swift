import Foundation
import Media
import Providers

/// The media work the steps ask for that is not a provider's content: joining the scenes' speech,
/// converting a supplied voice-over, the one encode, the checks of the finished file, and its stills.
/// ``FFmpegMediaEngine`` does it for real; ``PlaceholderMediaEngine`` writes text in a dry run.
/// Its ``Provider/name`` is what `status.json` records for `render`.
public protocol MediaEngine: Provider {
    /// True when it writes placeholders instead of media (`export.json` then says `dryRun`).
    var writesPlaceholders: Bool { get }

    /// Joins the scenes' speech, in order, with `pause` seconds of silence between them, into one
    /// 16-bit WAV at `output`. Returns where each clip starts in it, its sample rate and its length.
    func joinSpeech(_ clips: [SpeechClip], pause: Double, to output: URL) async throws -> JoinedSpeech

    /// The project's own voice-over converted to the WAV the render mixes; returns its length in seconds.
    /// `estimatedSeconds` is what the narration would take to say (a placeholder's length).
    func convertVoiceover(_ source: URL, to output: URL, estimatedSeconds: Double) async throws -> Double

    /// The whole video in one encode; `progress` gets the fraction done. Returns the mix levels used.
    func render(_ request: RenderRequest, progress: @escaping @Sendable (Double) -> Void) async throws -> MixLevels

    /// Checks the finished file: streams, size, duration against the voice, silence, loudness.
    func verify(_ video: URL, expectedDuration: Double, narration: ClosedRange<Double>,
                width: Int, height: Int, fps: Int) async throws -> VideoVerifier.Report

    /// A JPEG still of the video at `seconds`, `width` pixels wide (nil: the default size).
    func thumbnail(from video: URL, at seconds: Double, to jpg: URL, width: Int?) async throws
}

/// The scenes' speech as one track.
public struct JoinedSpeech: Sendable, Hashable {
    /// Where each clip starts, in seconds, in clip order.
    public var offsets: [Double]
    public var sampleRate: Int
    public var totalSeconds: Double

    public init(offsets: [Double], sampleRate: Int, totalSeconds: Double) {
        self.offsets = offsets
        self.sampleRate = sampleRate
        self.totalSeconds = totalSeconds
    }
}
