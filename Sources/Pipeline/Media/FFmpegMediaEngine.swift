import FileSafety
import Foundation
import Media
import Providers

/// The media work done by ffmpeg and ffprobe (the `Media` module).
public struct FFmpegMediaEngine: MediaEngine {
    public let name = "ffmpeg"
    public let writesPlaceholders = false
    /// Longest one ffmpeg run may take (`FFMPEG_TIMEOUT_MS`).
    public let timeout: Duration

    public init(timeout: Duration) { self.timeout = timeout }

    public func readiness() async -> ProviderReadiness {
        do {
            let path = try ToolLocator.ffmpeg()
            let version = try await ToolLocator.ffmpegVersion()
            _ = try ToolLocator.ffprobe()
            return .ready("\(path) (\(version))")
        } catch {
            return .notReady("\(error)")
        }
    }

    /// WAV clips of one format (espeak-ng's) are joined in memory, sample for sample; anything else
    /// (a provider's MP3) through one ffmpeg run.
    public func joinSpeech(_ clips: [SpeechClip], pause: Double, to output: URL) async throws -> JoinedSpeech {
        if let pcm = try? clips.map({ try WAVFile.read(from: $0.file) }), let rate = pcm.first?.sampleRate,
           pcm.allSatisfy({ $0.sampleRate == rate }), clips.allSatisfy({ $0.file.pathExtension.lowercased() == "wav" }) {
            var samples: [Int16] = []
            var offsets: [Double] = []
            for audio in pcm {
                if !samples.isEmpty { samples += WAVFile.silence(seconds: pause, sampleRate: rate) }
                offsets.append(Double(samples.count) / Double(rate))
                samples += audio.samples
            }
            try WAVFile.write(samples, sampleRate: rate, to: output)
            return JoinedSpeech(offsets: offsets, sampleRate: rate, totalSeconds: Double(samples.count) / Double(rate))
        }
        try await AudioConversion.joinVoice(clips.map(\.file), pause: pause, output: output, timeout: timeout)
        var offsets: [Double] = []
        var cursor = 0.0
        for clip in clips {
            offsets.append(cursor)
            cursor += clip.seconds + pause
        }
        let total = try await MediaProbe.probe(output).duration
        return JoinedSpeech(offsets: offsets, sampleRate: AudioConversion.voiceSampleRate, totalSeconds: total)
    }

    public func convertVoiceover(_ source: URL, to output: URL, estimatedSeconds: Double) async throws -> Double {
        try await AudioConversion.toVoiceWAV(source, output: output, timeout: timeout)
        return try await MediaProbe.probe(output).duration
    }

    public func render(_ request: RenderRequest, progress: @escaping @Sendable (Double) -> Void) async throws -> MixLevels {
        try await Renderer.render(request, timeout: timeout, progress: progress)
    }

    public func verify(_ video: URL, expectedDuration: Double, narration: ClosedRange<Double>,
                       width: Int, height: Int, fps: Int) async throws -> VideoVerifier.Report {
        try await VideoVerifier.check(video, expectedDuration: expectedDuration, tolerance: 0.5, narration: narration,
                                      loudness: .platform, width: width, height: height, fps: Double(fps))
    }

    public func thumbnail(from video: URL, at seconds: Double, to jpg: URL, width: Int?) async throws {
        if let width {
            try await Thumbnail.extract(from: video, at: seconds, to: jpg, width: width, timeout: timeout)
        } else {
            try await Thumbnail.extract(from: video, at: seconds, to: jpg, timeout: timeout)
        }
    }
}
