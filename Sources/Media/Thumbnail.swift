import FileSafety
import Foundation

/// The cover image of a finished video.
public enum Thumbnail {
    /// Writes the frame at `seconds` as a JPEG `width` pixels wide (quality 3 on ffmpeg's 2–31 scale).
    /// The seek is exact: ffmpeg decodes from the keyframe before `seconds` and drops frames up to it.
    ///
    /// `-ss` before `-i` seeks by keyframe index instead of decoding from the start — the old system's
    /// accurate-but-slow seek decoded every frame up to the cover.
    public static func extract(
        from video: URL, at seconds: Double, to jpg: URL, width: Int = 540, timeout: Duration = .seconds(60)
    ) async throws {
        let time = String(format: "%.3f", max(0, seconds))
        try await AtomicOutput.write(to: jpg) { temporary in
            try await FFmpeg.run([
                "-ss", time, "-i", FFmpeg.path(video.path), "-frames:v", "1",
                "-vf", "scale=\(width):-2:flags=lanczos,format=yuvj420p",
                "-c:v", "mjpeg", "-q:v", "3", "-f", "image2", "-update", "1", FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }
}
