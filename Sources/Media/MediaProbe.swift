import Foundation

/// Reads a media file's container and streams with one `ffprobe -print_format json` call.
public enum MediaProbe {
    /// Probes `url`. Throws when ffprobe cannot read the file.
    public static func probe(_ url: URL, timeout: Duration = .seconds(30)) async throws -> MediaInfo {
        let result = try await ProcessRunner.run(
            try ToolLocator.ffprobe(),
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", "file:" + url.path],
            timeout: timeout
        )
        return try parse(json: Data(result.stdout.utf8))
    }

    /// Decodes ffprobe's JSON. Public for tests and for callers that already hold the output.
    public static func parse(json: Data) throws -> MediaInfo {
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: json)
        } catch {
            throw MediaError.invalidOutput(tool: "ffprobe", detail: "\(error)")
        }
        let streams = report.streams ?? []
        return MediaInfo(
            duration: number(report.format?.duration) ?? 0,
            sizeBytes: report.format?.size.flatMap { Int64($0) } ?? 0,
            formatName: report.format?.format_name ?? "",
            videoStreams: streams.filter { $0.codec_type == "video" }.map {
                MediaInfo.VideoStream(
                    codec: $0.codec_name ?? "",
                    profile: $0.profile,
                    width: $0.width ?? 0,
                    height: $0.height ?? 0,
                    pixelFormat: $0.pix_fmt,
                    frameRate: rate($0.avg_frame_rate),
                    duration: number($0.duration))
            },
            audioStreams: streams.filter { $0.codec_type == "audio" }.map {
                MediaInfo.AudioStream(
                    codec: $0.codec_name ?? "",
                    sampleRate: $0.sample_rate.flatMap { Int($0) } ?? 0,
                    channels: $0.channels ?? 0,
                    duration: number($0.duration))
            })
    }

    /// `30/1` → 30, `30000/1001` → 29.97, `0/0` → 0.
    static func rate(_ text: String?) -> Double {
        guard let text else { return 0 }
        let parts = text.split(separator: "/")
        guard parts.count == 2, let numerator = Double(parts[0]), let denominator = Double(parts[1]), denominator != 0 else {
            return Double(text) ?? 0
        }
        return numerator / denominator
    }

    private static func number(_ text: String?) -> Double? {
        text.flatMap { Double($0) }.flatMap { $0.isFinite ? $0 : nil }
    }

    // ffprobe's field names, decoded as they are spelled.
    private struct Report: Decodable {
        var format: Format?
        var streams: [Stream]?
    }

    private struct Format: Decodable {
        var format_name: String?
        var duration: String?
        var size: String?
    }

    private struct Stream: Decodable {
        var codec_type: String?
        var codec_name: String?
        var profile: String?
        var width: Int?
        var height: Int?
        var pix_fmt: String?
        var avg_frame_rate: String?
        var sample_rate: String?
        var channels: Int?
        var duration: String?
    }
}
