import FileSafety
import Foundation

/// Still images for the scenes: converting the offline painter's PPMs and normalising a user's photos.
public enum StillImage {
    /// Converts `input` (any format ffmpeg reads: PPM, PNG, JPEG, WebP) to a PNG at `output`, scaled with
    /// lanczos when a size is given (one of width/height keeps the aspect ratio).
    public static func convert(
        _ input: URL, to output: URL, width: Int? = nil, height: Int? = nil, timeout: Duration = .seconds(60)
    ) async throws {
        var filters: [String] = []
        if width != nil || height != nil {
            filters.append("scale=\(width ?? -2):\(height ?? -2):flags=lanczos")
        }
        filters.append("format=rgb24")
        try await writePNG(input, output, filters: filters, timeout: timeout)
    }

    /// Makes a user's picture (jpg, png, webp…) into a PNG that exactly covers `width`×`height`: scaled
    /// to cover (aspect kept), then the centre cropped.
    public static func normalize(
        userImage: URL, to output: URL, width: Int, height: Int, timeout: Duration = .seconds(60)
    ) async throws {
        let filters = [
            "scale=\(width):\(height):force_original_aspect_ratio=increase:flags=lanczos",
            "crop=\(width):\(height)",
            "setsar=1",
            "format=rgb24",
        ]
        try await writePNG(userImage, output, filters: filters, timeout: timeout)
    }

    private static func writePNG(_ input: URL, _ output: URL, filters: [String], timeout: Duration) async throws {
        guard FileManager.default.fileExists(atPath: input.path) else {
            throw MediaError.invalidRequest("image not found: \(input.path)")
        }
        try await AtomicOutput.write(to: output) { temporary in
            try await FFmpeg.run([
                "-i", FFmpeg.path(input.path), "-frames:v", "1", "-vf", filters.joined(separator: ","),
                "-c:v", "png", "-f", "image2", "-update", "1", FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }
}
