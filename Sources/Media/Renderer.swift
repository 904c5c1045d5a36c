import FileSafety
import Foundation

/// Runs a ``RenderGraph`` and reports how far it has got.
public enum Renderer {
    /// Renders `request` to `request.output` (via `NAME.tmp.mp4`, renamed when complete) and returns the
    /// mix levels used: measured first (audio only, a second or two) unless the request brings its own.
    ///
    /// `progress` receives the fraction done (0…1) from ffmpeg's `-progress` output, about twice a second.
    /// Cancelling the calling task stops ffmpeg within a second and removes the temporary file.
    @discardableResult
    public static func render(
        _ request: RenderRequest,
        timeout: Duration,
        progress: @escaping @Sendable (Double) -> Void = { _ in }
    ) async throws -> MixLevels {
        try request.validate()
        try checkInputs(request)
        let ffmpeg = try ToolLocator.ffmpeg()
        var request = request
        if request.levels == nil {
            request.levels = try await MixMastering.levels(
                voice: request.voice, music: request.music, duration: request.duration, voiceDelay: request.voiceDelay,
                target: request.loudness, timeout: timeout)
        }
        let graph = RenderGraph(request)
        let total = request.duration
        try await AtomicOutput.write(to: request.output) { temporary in
            _ = try await ProcessRunner.run(ffmpeg, graph.arguments(output: temporary), timeout: timeout) { line in
                if let fraction = fraction(fromProgressLine: line, duration: total) { progress(fraction) }
            }
        }
        progress(1)
        return request.levels ?? .nominal
    }

    /// Parses `out_time_us=…` (and `progress=end`) from `-progress` output.
    static func fraction(fromProgressLine line: String, duration: Double) -> Double? {
        if line == "progress=end" { return 1 }
        guard line.hasPrefix("out_time_us="), duration > 0,
              let microseconds = Double(line.dropFirst("out_time_us=".count)) else { return nil }
        return min(1, max(0, microseconds / 1_000_000 / duration))
    }

    private static func checkInputs(_ request: RenderRequest) throws(MediaError) {
        var files = request.scenes.map(\.picture.file) + [request.voice]
        if let music = request.music { files.append(music) }
        if let captions = request.captions { files.append(captions) }
        for file in files where !FileManager.default.fileExists(atPath: file.path) {
            throw .invalidRequest("input file missing: \(file.path)")
        }
    }
}
