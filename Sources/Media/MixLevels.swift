/// The gains the audio mix applies, measured from the voice and the music before the encode (see
/// ``MixMastering``) so that loudness is set, not hoped for.
public struct MixLevels: Sendable, Hashable, Codable {
    /// Brings the voice to ``AudioMixGraph/voiceReference`` before its compressor and the ducking key,
    /// so ducking and compression act the same on a quiet and a loud voice-over.
    public var voiceGainDb: Double
    /// Puts the music bed ``AudioMixGraph/bedBelowVoice`` dB under the voice before ducking.
    public var musicGainDb: Double
    /// Brings the mix to the target loudness; the limiter after it holds the peaks.
    public var masterGainDb: Double
    /// What the last measuring pass found for the finished mix (nil when not measured).
    public var predicted: Loudness?

    public init(voiceGainDb: Double, musicGainDb: Double, masterGainDb: Double, predicted: Loudness? = nil) {
        self.voiceGainDb = voiceGainDb
        self.musicGainDb = musicGainDb
        self.masterGainDb = masterGainDb
        self.predicted = predicted
    }

    /// Levels for inputs near the usual ones (an espeak-ng voice near −20 LUFS, a bed near −18 LUFS),
    /// used when nothing was measured.
    public static let nominal = MixLevels(voiceGainDb: 0, musicGainDb: -12, masterGainDb: 10.5)
}
