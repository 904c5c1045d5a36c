/// The musical recipe of one mood: a four-chord progression, how fast it changes, and its pulse.
struct MoodRecipe: Sendable {
    var name: String
    /// Four chords as MIDI note numbers, lowest (the bass) first.
    var chords: [[Int]]
    /// Seconds per chord.
    var chordSeconds: Double
    /// Seconds per rhythmic pulse (an amplitude pump), nil for a still pad.
    var pulse: Double?
    /// How deep the pulse pumps (0…1).
    var pulseDepth: Double
    /// A soft sine kick on every beat (`pulse` × 2).
    var kick: Bool
    /// Low-pass cut-off in Hz: darker moods are darker.
    var brightness: Double
    /// Make-up gain (dB) that brings this recipe to about −18 LUFS (measured with ebur128).
    var gain: Double

    static let all: [MoodRecipe] = [
        // A minor: i – VI – iv – V, low and slow.
        MoodRecipe(name: "dark", chords: [[45, 57, 60, 64], [41, 57, 60, 65], [38, 57, 62, 65], [40, 56, 59, 64]],
                  chordSeconds: 4, pulse: nil, pulseDepth: 0, kick: false, brightness: 900, gain: 7.5),
        // D dorian colour: Dm7 – G – Em7 – Fmaj7, a light ticking pulse.
        MoodRecipe(name: "curious", chords: [[38, 57, 60, 65], [43, 55, 59, 62], [40, 55, 59, 62], [41, 57, 60, 64]],
                  chordSeconds: 3.2, pulse: 0.4, pulseDepth: 0.35, kick: false, brightness: 2200, gain: 10.8),
        // C major: I – V – vi – IV.
        MoodRecipe(name: "uplifting", chords: [[36, 55, 60, 64], [43, 55, 59, 62], [45, 57, 60, 64], [41, 57, 60, 65]],
                  chordSeconds: 3, pulse: nil, pulseDepth: 0, kick: false, brightness: 2600, gain: 7.7),
        // G major at 110 bpm: I – V – vi – IV with an eighth-note pump.
        MoodRecipe(name: "upbeat", chords: [[43, 59, 62, 67], [38, 57, 62, 66], [40, 59, 64, 67], [36, 55, 60, 64]],
                  chordSeconds: 60.0 / 110 * 4, pulse: 60.0 / 110 / 2, pulseDepth: 0.5, kick: false, brightness: 3000, gain: 12.1),
        // F major: Fmaj7 – Am7 – Bbmaj7 – C, slow and soft.
        MoodRecipe(name: "warm", chords: [[41, 57, 60, 64], [45, 55, 60, 64], [46, 57, 62, 65], [48, 55, 60, 64]],
                  chordSeconds: 4, pulse: nil, pulseDepth: 0, kick: false, brightness: 1800, gain: 8.3),
        // E minor at 124 bpm: i – VI – III – VII with pump and kick.
        MoodRecipe(name: "energetic", chords: [[40, 55, 59, 64], [36, 55, 60, 64], [43, 55, 59, 62], [38, 57, 62, 66]],
                  chordSeconds: 60.0 / 124 * 4, pulse: 60.0 / 124 / 2, pulseDepth: 0.55, kick: true, brightness: 3200, gain: 11.2),
        // C major sevenths, very slow.
        MoodRecipe(name: "calm", chords: [[36, 55, 59, 64], [41, 57, 60, 64], [45, 55, 60, 64], [41, 57, 60, 64]],
                  chordSeconds: 5, pulse: nil, pulseDepth: 0, kick: false, brightness: 1500, gain: 7.8),
        // D minor: i – VI – III – VII, wide and low, slow swell.
        MoodRecipe(name: "epic", chords: [[38, 50, 57, 62, 65], [34, 46, 58, 62, 65], [41, 53, 57, 60, 65], [36, 48, 55, 60, 64]],
                  chordSeconds: 3.5, pulse: 3.5 / 4, pulseDepth: 0.25, kick: true, brightness: 2000, gain: 8.8),
    ]

    /// The mood called `name` (case-insensitive); an unknown name gets the calm bed rather than an error.
    static func named(_ name: String) -> MoodRecipe {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return all.first { $0.name == key } ?? all.first { $0.name == "calm" }!
    }

    /// Seconds after which the progression repeats.
    var loopSeconds: Double { chordSeconds * Double(chords.count) }

    /// The same mood with its timing stretched (imperceptibly) so one loop is a whole number of samples,
    /// which `aloop` needs to repeat it seamlessly.
    func aligned(toSampleRate rate: Int) -> MoodRecipe {
        let samples = (loopSeconds * Double(rate)).rounded()
        let factor = samples / Double(rate) / loopSeconds
        var copy = self
        copy.chordSeconds *= factor
        copy.pulse = pulse.map { $0 * factor }
        return copy
    }
}

import Foundation
