import FileSafety
import Foundation

/// An original music bed per mood, synthesised by ffmpeg: no library, no licence, no network.
///
/// One pass of the four-chord progression is synthesised with `aevalsrc` (sine partials per note,
/// equal-power crossfades between chords so nothing clicks or drops out, an optional rhythmic pump and
/// soft kick), then looped with `aloop` for the requested length. Every frequency is rounded to a whole
/// number of cycles per loop, so the loop point is phase-continuous and inaudible. A low-pass, a short
/// echo for space, fades, make-up gain to about −18 LUFS and a limiter finish it; the result is AAC in `.m4a`.
public enum MusicBed {
    /// Writes a `seconds`-long bed in `mood` to `output` (via `NAME.tmp.m4a`).
    public static func generate(mood: String, seconds: Double, output: URL, timeout: Duration = .seconds(300)) async throws {
        guard seconds.isFinite, seconds > 0 else { throw MediaError.invalidRequest("music length must be positive, got \(seconds)") }
        let recipe = MoodRecipe.named(mood)
        let graph = filterGraph(recipe, seconds: seconds)
        try await AtomicOutput.write(to: output) { temporary in
            try await FFmpeg.run([
                "-filter_complex", graph, "-map", "[bed]",
                "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-t", format(seconds), "-movflags", "+faststart", "-f", "ipod",
                FFmpeg.path(temporary.path),
            ], timeout: timeout)
        }
    }

    static let synthesisRate = 22050

    static func filterGraph(_ requested: MoodRecipe, seconds: Double) -> String {
        let mood = requested.aligned(toSampleRate: synthesisRate)
        let loop = mood.loopSeconds
        let left = expression(mood, detune: 1.0)
        let right = expression(mood, detune: 1.0025)
        let fadeIn = min(2.0, seconds / 4)
        let fadeOut = min(3.0, seconds / 4)
        let source = "aevalsrc=exprs=" + FilterGraphEscaping.filterValue(left + "|" + right)
            + ":s=\(synthesisRate):d=\(format(loop))"
        let chain = [
            source,
            "aloop=loop=-1:size=\(Int((loop * Double(synthesisRate)).rounded()))",
            "lowpass=f=\(Int(mood.brightness))",
            "aecho=0.8:0.5:90|150:0.22|0.15",
            "atrim=end=\(format(seconds))",
            "aresample=48000",
            "afade=t=in:d=\(format(fadeIn))",
            "afade=t=out:st=\(format(max(0, seconds - fadeOut))):d=\(format(fadeOut))",
            "volume=\(format(mood.gain))dB",
            "alimiter=limit=0.7:level=disabled",
            "aformat=sample_fmts=fltp:channel_layouts=stereo",
        ]
        return chain.joined(separator: ",") + "[bed]"
    }

    /// The sample expression for one channel. Variables: 0 = time in chord, 1 = chord index.
    static func expression(_ mood: MoodRecipe, detune: Double) -> String {
        let loop = mood.loopSeconds
        let crossfade = min(0.9, mood.chordSeconds / 3)
        let count = mood.chords.count
        let chordSums = mood.chords.map { chordExpression($0, loop: loop, detune: detune) }
        func select(_ offset: Int) -> String {
            // Nested ifs evaluate only the chosen branch.
            var expression = chordSums[(count - 1 + offset) % count]
            for index in stride(from: count - 2, through: 0, by: -1) {
                expression = "if(eq(ld(1),\(index)),\(chordSums[(index + offset) % count]),\(expression))"
            }
            return expression
        }
        let current = select(0)
        let previous = select(count - 1)
        let rise = "sin(PI/2*ld(0)/\(format(crossfade)))"
        let fall = "cos(PI/2*ld(0)/\(format(crossfade)))"
        var body = "if(lt(ld(0),\(format(crossfade))),\(current)*\(rise)+\(previous)*\(fall),\(current))"
        // A slow swell over two chords keeps the pad breathing.
        body = "(\(body))*(0.85+0.15*sin(2*PI*t/\(format(mood.chordSeconds * 2))))"
        if let pulse = mood.pulse {
            // Each pump rises over ~10 ms (no click) and decays across the pulse.
            let phase = "mod(t,\(format(pulse)))"
            body = "(\(body))*(\(format(1 - mood.pulseDepth))+\(format(mood.pulseDepth))*(1-exp(-\(phase)*300))*exp(-\(phase)*\(format(4 / pulse))))"
            if mood.kick {
                let beat = pulse * 2
                body += "+0.32*sin(2*PI*52*mod(t,\(format(beat))))*exp(-mod(t,\(format(beat)))*14)"
            }
        }
        return "st(0,mod(t,\(format(mood.chordSeconds))));st(1,floor(mod(t,\(format(loop)))/\(format(mood.chordSeconds))));\(body)"
    }

    /// The chord's notes as sine partials (fundamental, octave, twelfth), the bass a little louder.
    static func chordExpression(_ notes: [Int], loop: Double, detune: Double) -> String {
        let terms = notes.enumerated().map { index, note -> String in
            let amplitude = index == 0 ? 0.11 : 0.075
            let frequency = loopAligned(440 * pow(2, Double(note - 69) / 12) * detune, loop: loop)
            let omega = String(format: "%.12g", 2 * Double.pi * frequency)
            return "\(format(amplitude))*(sin(\(omega)*t)+0.3*sin(2*\(omega)*t)+0.1*sin(3*\(omega)*t))"
        }
        return "(" + terms.joined(separator: "+") + ")"
    }

    /// Rounds a frequency to a whole number of cycles per loop, so the loop joins without a click.
    static func loopAligned(_ frequency: Double, loop: Double) -> Double {
        (frequency * loop).rounded() / loop
    }

    private static func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
