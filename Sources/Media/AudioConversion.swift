import FileSafety
import Foundation

/// Brings a user's audio files into the shapes the render expects.
public enum AudioConversion {
    /// The voice-over's sample rate when ffmpeg makes it.
    public static let voiceSampleRate = 48000

    /// Joins audio files of any format, in order, with `pause` seconds of silence between them, into
    /// one 48 kHz mono 16-bit WAV.
    public static func joinVoice(_ inputs: [URL], pause: Double, output: URL, timeout: Duration = .seconds(300)) async throws {
        guard !inputs.isEmpty else { throw MediaError.invalidRequest("no speech to join") }
        var graph: [String] = []
        for index in inputs.indices {
            let padding = index + 1 < inputs.count ? String(format: ",apad=pad_dur=%.3f", pause) : ""
            graph.append("[\(index):a]aresample=\(voiceSampleRate),aformat=sample_fmts=s16:channel_layouts=mono\(padding)[a\(index)]")
        }
        graph.append(inputs.indices.map { "[a\($0)]" }.joined() + "concat=n=\(inputs.count):v=0:a=1[voice]")
        try await AtomicOutput.write(to: output) { temporary in
            try await FFmpeg.run(inputs.flatMap { ["-i", FFmpeg.path($0.path)] } + [
                "-filter_complex", graph.joined(separator: ";"), "-map", "[voice]",
                "-c:a", "pcm_s16le", "-f", "wav", FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }

    /// Any audio file → 48 kHz mono 16-bit WAV (the voice-over the render pads and mixes).
    public static func toVoiceWAV(_ source: URL, output: URL, timeout: Duration = .seconds(300)) async throws {
        try await AtomicOutput.write(to: output) { temporary in
            try await FFmpeg.run([
                "-i", FFmpeg.path(source.path), "-vn", "-map", "0:a:0",
                "-ac", "1", "-ar", "48000", "-c:a", "pcm_s16le", "-f", "wav", FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }

    /// Any audio file → an AAC `.m4a` bed exactly `seconds` long: looped if shorter, cut if longer,
    /// faded in and out.
    public static func toMusicBed(_ source: URL, seconds: Double, output: URL, timeout: Duration = .seconds(300)) async throws {
        guard seconds > 0 else { throw MediaError.invalidRequest("music length must be positive") }
        let length = String(format: "%.3f", seconds)
        let fadeOut = String(format: "%.3f", min(2.5, seconds / 4))
        let fadeStart = String(format: "%.3f", max(0, seconds - min(2.5, seconds / 4)))
        try await AtomicOutput.write(to: output) { temporary in
            try await FFmpeg.run([
                "-stream_loop", "-1", "-i", FFmpeg.path(source.path), "-vn", "-map", "0:a:0",
                "-af", "aresample=48000,atrim=end=\(length),asetpts=N/SR/TB,afade=t=in:d=0.5,afade=t=out:st=\(fadeStart):d=\(fadeOut)",
                "-ac", "2", "-c:a", "aac", "-b:a", "160k", "-t", length, "-movflags", "+faststart", "-f", "ipod",
                FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }
}
