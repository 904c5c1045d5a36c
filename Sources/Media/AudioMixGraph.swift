import Foundation

/// The audio half of the render graph: voice and music in, one mastered stereo stream out.
///
/// Voice: resampled to 48 kHz stereo, delayed if asked, brought to a reference level, gently compressed
/// (speech peaks sit 16–17 dB over its loudness; −14 LUFS under a −1 dBTP ceiling allows about 12), and
/// padded with silence to the video's length. Music: looped by the input, trimmed, set under the voice,
/// faded in and out, and ducked under the voice with a sidechain compressor keyed on it. Then one gain
/// to the loudness target and a look-ahead limiter (delay compensated, so lips and captions stay in sync).
/// The same chains run in the measuring passes and in the render, so what is measured is what is encoded.
struct AudioMixGraph: Sendable {
    /// Loudness (LUFS) the voice is brought to before compression; the ducking key sits at this level.
    static let voiceReference = -20.0
    /// How far under the voice the music bed sits before ducking (dB); ducking takes about 12 dB more while the voice speaks.
    static let bedBelowVoice = 10.0
    /// Sample-peak ceiling of the limiter (dBFS): 1 dB under the −1 dBTP target leaves room for peaks
    /// between samples and for the AAC encoder's overshoot.
    static let ceilingDb = -2.0

    var duration: Double
    var voiceDelay: Double
    var levels: MixLevels
    /// Whether the master gain and the limiter are applied (a measuring pass may want the raw mix).
    var mastered = true

    /// What the chains end in.
    enum Tap: Sendable {
        /// The finished mix.
        case mix
        /// The ducked music alone (to measure how far ducking pulls it down).
        case duckedBed
    }

    /// The chains from `[voiceInput:a]` (and `[musicInput:a]`) to `[output]`.
    func chains(voiceInput: Int, musicInput: Int?, output: String, tap: Tap = .mix) -> [String] {
        let length = seconds(duration)
        let layout = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo"
        let delay = voiceDelay > 0 ? "adelay=delays=\(Int((voiceDelay * 1000).rounded())):all=1," : ""
        let voice = "[\(voiceInput):a]\(layout),\(delay)volume=\(decibels(levels.voiceGainDb))"
            + ",acompressor=threshold=0.1:ratio=3:attack=2:release=80:knee=2"
            + ",apad=whole_dur=\(length)"
        let master = mastered
            ? ",volume=\(decibels(levels.masterGainDb)),alimiter=limit=\(String(format: "%.4f", pow(10, Self.ceilingDb / 20)))"
                + ":attack=5:release=80:level=disabled:latency=1"
            : ""
        let finish = "atrim=end=\(length),\(layout)[\(output)]"
        guard let musicInput else {
            return [voice + master + "," + finish]
        }
        let fadeOut = min(2.5, duration / 4)
        let fadeIn = min(1.0, duration / 4)
        let bed = "[\(musicInput):a]\(layout),atrim=end=\(length),asetpts=N/SR/TB,volume=\(decibels(levels.musicGainDb))"
            + ",afade=t=in:d=\(seconds(fadeIn)),afade=t=out:st=\(seconds(max(0, duration - fadeOut))):d=\(seconds(fadeOut))[bed]"
        // The key is the voice at the reference level: about 14 dB over the threshold while it speaks, so ducking takes ~12 dB.
        let duck = "[bed][key]sidechaincompress=threshold=0.012:ratio=6:attack=10:release=400:knee=3[ducked]"
        switch tap {
        case .duckedBed:
            return [voice + ",asplit=2[voice][key]", bed, duck, "[voice]anullsink", "[ducked]" + finish]
        case .mix:
            return [
                voice + ",asplit=2[voice][key]", bed, duck,
                "[voice][ducked]amix=inputs=2:duration=first:dropout_transition=0:normalize=0" + master + "," + finish,
            ]
        }
    }

    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    private func decibels(_ value: Double) -> String { String(format: "%.2fdB", value.isFinite ? value : 0) }
}
