import Foundation

/// Brings a user's audio files into the shapes the render expects.
public enum AudioConversion {
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
