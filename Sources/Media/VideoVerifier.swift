import Foundation

/// Checks a finished video against what the platform accepts and what the job asked for. A problem
/// list (not a boolean) so the job's error message says exactly what is wrong.
public enum VideoVerifier {
    /// TikTok's upload limit used by the old system's QA.
    public static let maximumBytes: Int64 = 287 * 1024 * 1024
    /// Longest silence allowed while the narration runs (the old system's QA failed at 2 s).
    public static let maximumSilence = 2.0

    /// What a check found: the problems (empty means good) and, when measured, the loudness.
    public struct Report: Sendable, Hashable {
        public var problems: [String]
        public var info: MediaInfo?
        public var loudness: Loudness?

        public init(problems: [String], info: MediaInfo? = nil, loudness: Loudness? = nil) {
            self.problems = problems
            self.info = info
            self.loudness = loudness
        }
    }

    /// Problems with `url`; empty means good. See ``check(_:expectedDuration:tolerance:narration:loudness:width:height:fps:)``.
    public static func verify(
        _ url: URL, expectedDuration: Double, tolerance: Double = 0.5, narration: ClosedRange<Double>?,
        loudness: LoudnessTarget? = nil, width: Int = 1080, height: Int = 1920, fps: Double = 30
    ) async throws -> [String] {
        try await check(url, expectedDuration: expectedDuration, tolerance: tolerance, narration: narration,
                        loudness: loudness, width: width, height: height, fps: fps).problems
    }

    /// Checks `url`: an MP4 with one H.264 High yuv420p video stream of `width`×`height` at about `fps`,
    /// one AAC 48 kHz audio stream, a duration within `tolerance` of `expectedDuration`, at most 287 MB, no
    /// silence longer than 2 s (at −50 dB) inside `narration`, and — when a target is given — integrated
    /// loudness and true peak on target (`ebur128 peak=true`, measured in the same decode as the silence).
    public static func check(
        _ url: URL, expectedDuration: Double, tolerance: Double = 0.5, narration: ClosedRange<Double>?,
        loudness target: LoudnessTarget? = nil, width: Int = 1080, height: Int = 1920, fps: Double = 30
    ) async throws -> Report {
        guard FileManager.default.fileExists(atPath: url.path) else {
            return Report(problems: ["\(url.lastPathComponent) does not exist"])
        }
        let info: MediaInfo
        do {
            info = try await MediaProbe.probe(url)
        } catch let error as MediaError {
            return Report(problems: ["\(url.lastPathComponent) is not a readable video: \(error.description)"])
        }
        var report = Report(problems: streamProblems(info, expectedDuration: expectedDuration, tolerance: tolerance,
                                                     width: width, height: height, fps: fps), info: info)
        guard !info.audioStreams.isEmpty, narration != nil || target != nil else { return report }
        let analysis = try await AudioAnalysis.analyze(url, silenceMinimum: narration == nil ? nil : maximumSilence)
        if let narration {
            report.problems += silenceProblems(analysis.silences, narration: narration)
        }
        if let target {
            report.loudness = analysis.loudness
            report.problems += target.problems(analysis.loudness)
        }
        return report
    }

    /// Silences overlapping the narration by more than ``maximumSilence``.
    static func silenceProblems(_ silences: [ClosedRange<Double>], narration: ClosedRange<Double>) -> [String] {
        silences.compactMap { silence in
            let overlap = min(silence.upperBound, narration.upperBound) - max(silence.lowerBound, narration.lowerBound)
            guard overlap > maximumSilence else { return nil }
            return String(format: "%.1f s of silence at %.1f–%.1f s during the narration", overlap,
                          max(silence.lowerBound, narration.lowerBound), min(silence.upperBound, narration.upperBound))
        }
    }

    /// The checks that need only ffprobe's report.
    static func streamProblems(
        _ info: MediaInfo, expectedDuration: Double, tolerance: Double, width: Int, height: Int, fps: Double
    ) -> [String] {
        var problems: [String] = []
        if !info.formatName.split(separator: ",").contains("mp4") {
            problems.append("container is \(info.formatName), not mp4")
        }
        if info.videoStreams.count != 1 {
            problems.append("expected one video stream, found \(info.videoStreams.count)")
        }
        if let video = info.videoStreams.first {
            if video.codec != "h264" { problems.append("video codec is \(video.codec), not h264") }
            if video.profile != "High" { problems.append("H.264 profile is \(video.profile ?? "unknown"), not High") }
            if video.pixelFormat != "yuv420p" { problems.append("pixel format is \(video.pixelFormat ?? "unknown"), not yuv420p") }
            if video.width != width || video.height != height {
                problems.append("frame size is \(video.width)x\(video.height), not \(width)x\(height)")
            }
            if abs(video.frameRate - fps) > 0.5 {
                problems.append(String(format: "frame rate is %.2f fps, not %.0f", video.frameRate, fps))
            }
        }
        if info.audioStreams.count != 1 {
            problems.append("expected one audio stream, found \(info.audioStreams.count)")
        }
        if let audio = info.audioStreams.first {
            if audio.codec != "aac" { problems.append("audio codec is \(audio.codec), not aac") }
            if audio.sampleRate != 48000 { problems.append("audio sample rate is \(audio.sampleRate) Hz, not 48000") }
        }
        if abs(info.duration - expectedDuration) > tolerance {
            problems.append(String(format: "duration is %.2f s, expected %.2f s (±%.1f)", info.duration, expectedDuration, tolerance))
        }
        if info.sizeBytes > maximumBytes {
            problems.append("file is \(info.sizeBytes / 1_048_576) MB, over the \(maximumBytes / 1_048_576) MB limit")
        }
        return problems
    }
}
