import Foundation

/// Sets the mix's gains by measuring, before the video is encoded: audio-only passes take a second or
/// two, while a single-pass `loudnorm` in the render only lands near the target and reshapes dynamics.
///
/// 1. The voice and the music are measured alone (in parallel) to set their relative levels.
/// 2. The whole mix — the very chains the render will run, compressor, ducking and limiter included — is
///    measured with a master gain, and the gain is corrected by the error, until the integrated loudness
///    is within 0.2 LU of the target (at most three passes; the limiter makes the gain not quite linear).
public enum MixMastering {
    public static func levels(
        voice: URL, music: URL?, duration: Double, voiceDelay: Double = 0,
        target: LoudnessTarget = .platform, timeout: Duration = .seconds(300)
    ) async throws -> MixLevels {
        async let voiceLoudness = measure(inputs: ["-i", FFmpeg.path(voice.path)], graph: "[0:a]anull[out]", timeout: timeout)
        async let musicLoudness = measure(music: music, duration: duration, timeout: timeout)
        let voiceLevel = try await voiceLoudness.integratedLUFS
        let musicLevel = try await musicLoudness?.integratedLUFS
        var levels = MixLevels.nominal
        levels.voiceGainDb = gain(from: voiceLevel, to: AudioMixGraph.voiceReference)
        if let musicLevel {
            levels.musicGainDb = gain(from: musicLevel, to: AudioMixGraph.voiceReference - AudioMixGraph.bedBelowVoice)
        }
        // The compressor takes about 4.5 LU off a voice at the reference level; the passes correct the rest.
        levels.masterGainDb = target.integratedLUFS - AudioMixGraph.voiceReference + 4.5

        var inputs = ["-i", FFmpeg.path(voice.path)]
        if let music { inputs += ["-stream_loop", "-1", "-i", FFmpeg.path(music.path)] }
        for _ in 0..<3 {
            let graph = AudioMixGraph(duration: duration, voiceDelay: voiceDelay, levels: levels)
                .chains(voiceInput: 0, musicInput: music == nil ? nil : 1, output: "out")
                .joined(separator: ";")
            let measured = try await measure(inputs: inputs, graph: graph, timeout: timeout)
            levels.predicted = measured
            let error = target.integratedLUFS - measured.integratedLUFS
            guard measured.integratedLUFS.isFinite, measured.integratedLUFS > -69 else { break }
            if abs(error) <= 0.2 { break }
            levels.masterGainDb = min(40, max(-40, levels.masterGainDb + error))
        }
        return levels
    }

    /// The gain that moves `level` to `reference`, limited to ±30 dB; 0 for silence (nothing to scale).
    static func gain(from level: Double, to reference: Double) -> Double {
        guard level.isFinite, level > -69 else { return 0 }
        return min(30, max(-30, reference - level))
    }

    private static func measure(music: URL?, duration: Double, timeout: Duration) async throws -> Loudness? {
        guard let music else { return nil }
        return try await measure(
            inputs: ["-stream_loop", "-1", "-i", FFmpeg.path(music.path), "-t", String(format: "%.3f", duration)],
            graph: "[0:a]anull[out]", timeout: timeout)
    }

    /// Runs `graph` (whose output is `[out]`) over `inputs` and measures the result with `ebur128`.
    static func measure(inputs: [String], graph: String, timeout: Duration) async throws -> Loudness {
        let result = try await FFmpeg.run(
            inputs + ["-filter_complex", graph + ";[out]ebur128=peak=true:framelog=verbose[measured]",
                      "-map", "[measured]", "-f", "null", "-"],
            timeout: timeout, logLevel: "info")
        guard let loudness = AudioAnalysis.parseLoudness(result.stderrTail) else {
            throw MediaError.invalidOutput(tool: "ffmpeg", detail: "no ebur128 summary while measuring the mix")
        }
        return loudness
    }
}
