import Foundation
import Testing
@testable import Media

/// The audio mix measured: loudness lands on target from a quiet or a loud voice, and the music ducks.
@Suite struct MixTests {
    /// Runs the mix graph alone and writes `output` (AAC in MP4 for `.m4a`, raw mono 16-bit for `.raw`).
    private func mix(voice: URL, music: URL?, duration: Double, levels: MixLevels, tap: AudioMixGraph.Tap, output: URL) async throws {
        let graph = AudioMixGraph(duration: duration, voiceDelay: 0, levels: levels)
            .chains(voiceInput: 0, musicInput: music == nil ? nil : 1, output: "out", tap: tap).joined(separator: ";")
        var arguments = ["-i", voice.path]
        if let music { arguments += ["-stream_loop", "-1", "-i", music.path] }
        arguments += ["-filter_complex", graph, "-map", "[out]"]
        arguments += output.pathExtension == "raw"
            ? ["-ac", "1", "-ar", "8000", "-f", "s16le", output.path]
            : ["-c:a", "aac", "-b:a", "160k", output.path]
        try await Fixtures.ffmpeg(arguments)
    }

    @Test(arguments: [-18.0, 0.0, 9.0])
    func masteredMixLandsOnTheLoudnessTarget(voiceGain: Double) async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        // A voice made quiet, left alone, or made loud (clipping-free float), and a music bed.
        let voice = directory.appendingPathComponent("voice.wav")
        try await Fixtures.ffmpeg(["-i", inputs.voice.path, "-af", "volume=\(voiceGain)dB", "-c:a", "pcm_f32le", voice.path])
        let music = directory.appendingPathComponent("music.m4a")
        try await MusicBed.generate(mood: "upbeat", seconds: 8, output: music)
        let levels = try await MixMastering.levels(voice: voice, music: music, duration: 8)
        let predicted = try #require(levels.predicted)
        #expect(abs(predicted.integratedLUFS - -14) <= 0.3, "\(levels)")
        let output = directory.appendingPathComponent("mix.m4a")
        try await mix(voice: voice, music: music, duration: 8, levels: levels, tap: .mix, output: output)
        let measured = try await AudioAnalysis.loudness(of: output)
        #expect(abs(measured.integratedLUFS - -14) <= 0.5, "\(measured) with \(levels)")
        #expect(measured.truePeakDb <= -1, "\(measured) with \(levels)")
    }

    /// The bed alone after ducking: at least 8 dB quieter while the voice speaks than after it stops.
    @Test func musicDucksUnderTheVoice() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        // Speech for the first 2 s of the fixture (it speaks from 0.2 s), then 3 s of silence.
        let voice = directory.appendingPathComponent("voice.wav")
        try await Fixtures.ffmpeg(["-i", inputs.voice.path, "-af", "atrim=end=2,apad=whole_dur=5", voice.path])
        let music = directory.appendingPathComponent("music.m4a")
        try await MusicBed.generate(mood: "calm", seconds: 5, output: music)
        let levels = try await MixMastering.levels(voice: voice, music: music, duration: 5)
        let raw = directory.appendingPathComponent("bed.raw")
        try await mix(voice: voice, music: music, duration: 5, levels: levels, tap: .duckedBed, output: raw)
        let samples = try Data(contentsOf: raw).withUnsafeBytes { Array($0.bindMemory(to: Int16.self)) }
        func rmsDb(_ range: ClosedRange<Double>) -> Double {
            let slice = samples[Int(range.lowerBound * 8000)..<Int(range.upperBound * 8000)]
            let power = slice.reduce(0.0) { $0 + Double($1) * Double($1) } / Double(slice.count)
            return 10 * log10(max(power, 1e-9) / (32768.0 * 32768.0))
        }
        let during = rmsDb(0.6...1.8)
        let after = rmsDb(3.0...4.0)
        #expect(after - during >= 8, "ducked \(String(format: "%.1f", after - during)) dB (during \(during), after \(after))")
    }
}
