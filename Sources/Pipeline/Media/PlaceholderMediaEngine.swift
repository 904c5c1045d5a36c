import Foundation
import Media
import Providers

/// The dry run's media work: text placeholders under the real names, lengths from the clips (whose
/// placeholder lengths follow the word count and tempo), checks that pass without a video.
public struct PlaceholderMediaEngine: MediaEngine {
    public let name = Placeholder.providerName
    public let writesPlaceholders = true

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("writes text placeholders (dry run)") }

    public func joinSpeech(_ clips: [SpeechClip], pause: Double, to output: URL) async throws -> JoinedSpeech {
        var offsets: [Double] = []
        var cursor = 0.0
        for clip in clips {
            offsets.append(cursor)
            cursor += clip.seconds + pause
        }
        let total = max(0, cursor - pause)
        try Placeholder.write("[dry-run audio] the whole narration, \(String(format: "%.2f", total)) s\n", to: output)
        return JoinedSpeech(offsets: offsets, sampleRate: 0, totalSeconds: total)
    }

    public func convertVoiceover(_ source: URL, to output: URL, estimatedSeconds: Double) async throws -> Double {
        try Placeholder.write("[dry-run audio] the project's \(source.lastPathComponent)\n", to: output)
        return max(estimatedSeconds, 1)
    }

    public func render(_ request: RenderRequest, progress: @escaping @Sendable (Double) -> Void) async throws -> MixLevels {
        try Placeholder.write("[dry-run video] \(request.width)x\(request.height) \(request.fps) fps, "
                              + String(format: "%.2f s", request.duration) + ", no MP4 generated\n", to: request.output)
        progress(1)
        return .nominal
    }

    public func verify(_ video: URL, expectedDuration: Double, narration: ClosedRange<Double>,
                       width: Int, height: Int, fps: Int) async throws -> VideoVerifier.Report {
        let size = (try? FileManager.default.attributesOfItem(atPath: video.path)[.size] as? NSNumber)?.int64Value ?? 0
        return VideoVerifier.Report(problems: [], info: MediaInfo(duration: expectedDuration, sizeBytes: size), loudness: nil)
    }

    public func thumbnail(from video: URL, at seconds: Double, to jpg: URL, width: Int?) async throws {
        try Placeholder.write("[dry-run thumbnail] \(String(format: "%.2f", seconds)) s\n", to: jpg)
    }
}
