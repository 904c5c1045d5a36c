import Foundation
import Synchronization

/// Measurements of a file's audio, used to verify renders and to check generated audio.
public enum AudioAnalysis {
    /// Stretches quieter than `noiseDb` lasting at least `minimum` seconds (`silencedetect`).
    public static func silences(
        in url: URL, noiseDb: Double = -50, minimum: Double, timeout: Duration = .seconds(300)
    ) async throws -> [ClosedRange<Double>] {
        let collector = LineCollector()
        try await FFmpeg.run([
            "-i", FFmpeg.path(url.path), "-vn",
            "-af", "silencedetect=n=\(String(format: "%.1f", noiseDb))dB:d=\(String(format: "%.3f", minimum))",
            "-f", "null", "-",
        ], timeout: timeout, logLevel: "info", onStderrLine: { line in
            if line.contains("silence_") { collector.append(line) }
        })
        return parseSilences(collector.lines)
    }

    /// Integrated loudness (LUFS) and true peak (dBTP) from `ebur128`'s summary.
    public static func loudness(of url: URL, timeout: Duration = .seconds(300)) async throws -> Loudness {
        try await analyze(url, silenceMinimum: nil, timeout: timeout).loudness
    }

    /// Loudness and, when `silenceMinimum` is given, the silences (at `noiseDb`) lasting at least that
    /// long — from one decode of the file, as finalize needs both.
    public static func analyze(
        _ url: URL, silenceMinimum: Double?, noiseDb: Double = -50, timeout: Duration = .seconds(300)
    ) async throws -> (loudness: Loudness, silences: [ClosedRange<Double>]) {
        let collector = LineCollector()
        var filters: [String] = []
        if let silenceMinimum {
            filters.append("silencedetect=n=\(String(format: "%.1f", noiseDb))dB:d=\(String(format: "%.3f", silenceMinimum))")
        }
        filters.append("ebur128=peak=true:framelog=verbose")
        let result = try await FFmpeg.run([
            "-i", FFmpeg.path(url.path), "-vn", "-af", filters.joined(separator: ","), "-f", "null", "-",
        ], timeout: timeout, logLevel: "info", onStderrLine: { line in
            if line.contains("silence_") { collector.append(line) }
        })
        guard let loudness = parseLoudness(result.stderrTail) else {
            throw MediaError.invalidOutput(tool: "ffmpeg", detail: "no ebur128 summary for \(url.lastPathComponent)")
        }
        return (loudness, parseSilences(collector.lines))
    }

    /// Pairs `silence_start: X` with the following `silence_end: Y`.
    static func parseSilences(_ lines: [String]) -> [ClosedRange<Double>] {
        var ranges: [ClosedRange<Double>] = []
        var start: Double?
        for line in lines {
            if let value = number(after: "silence_start:", in: line) {
                start = max(0, value)
            } else if let end = number(after: "silence_end:", in: line), let begin = start {
                ranges.append(begin...max(begin, end))
                start = nil
            }
        }
        return ranges
    }

    /// Reads `I:` under "Integrated loudness" and `Peak:` under "True peak" (`-inf` → −∞).
    static func parseLoudness(_ text: String) -> Loudness? {
        guard let summary = text.range(of: "Summary:", options: .backwards) else { return nil }
        let tail = text[summary.upperBound...]
        var integrated: Double?
        var peak: Double?
        var inTruePeak = false
        for raw in tail.split(whereSeparator: \.isNewline) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("True peak:") { inTruePeak = true }
            if integrated == nil, let value = number(after: "I:", in: line, prefixOnly: true) { integrated = value }
            if inTruePeak, let value = number(after: "Peak:", in: line, prefixOnly: true) { peak = value }
        }
        guard let integrated, let peak else { return nil }
        return Loudness(integratedLUFS: integrated, truePeakDb: peak)
    }

    private static func number(after label: String, in line: String, prefixOnly: Bool = false) -> Double? {
        guard let range = line.range(of: label), !prefixOnly || range.lowerBound == line.startIndex else { return nil }
        let token = line[range.upperBound...].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
        if token == "-inf" { return -.infinity }
        if token == "inf" { return .infinity }
        return Double(token)
    }
}

/// Collects lines from a `@Sendable` callback.
final class LineCollector: Sendable {
    private let storage = Mutex<[String]>([])

    func append(_ line: String) { storage.withLock { $0.append(line) } }

    var lines: [String] { storage.withLock { $0 } }
}
