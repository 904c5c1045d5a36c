import Foundation
import ProjectModel
import Testing
@testable import Media

@Suite struct MusicBedTests {
    @Test(arguments: ["upbeat", "dark", "epic"])
    func bedSoundsLikeMusicNotSilenceOrClipping(mood: String) async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let output = directory.appendingPathComponent("music.m4a")
        try await MusicBed.generate(mood: mood, seconds: 12, output: output)
        let info = try await MediaProbe.probe(output)
        #expect(abs(info.duration - 12) < 0.15)
        #expect(info.audioStreams.first?.codec == "aac")
        #expect(info.audioStreams.first?.sampleRate == 48000)
        #expect(info.audioStreams.first?.channels == 2)
        let loudness = try await AudioAnalysis.loudness(of: output)
        #expect(loudness.integratedLUFS > -26 && loudness.integratedLUFS < -12, "\(loudness)")
        #expect(loudness.truePeakDb < -0.5, "\(loudness)")
        // No dropouts between chords (fades at the very ends aside).
        let silences = try await AudioAnalysis.silences(in: output, noiseDb: -40, minimum: 0.3)
        #expect(silences.filter { $0.lowerBound > 0.5 && $0.upperBound < 11.5 }.isEmpty, "\(silences)")
    }

    @Test func unknownMoodFallsBackAndLoopsAreSampleExact() {
        #expect(MoodRecipe.named("Upbeat").name == "upbeat")
        #expect(MoodRecipe.named("polka").name == "calm")
        for mood in MoodRecipe.all {
            let aligned = mood.aligned(toSampleRate: MusicBed.synthesisRate)
            let samples = aligned.loopSeconds * Double(MusicBed.synthesisRate)
            #expect(abs(samples - samples.rounded()) < 1e-6)
            #expect(abs(aligned.chordSeconds - mood.chordSeconds) < 0.001)
        }
        #expect(MusicBed.loopAligned(440, loop: 16) * 16 == (440 * 16).rounded())
    }

    @Test("every built-in mood a project may name has a recipe, and every recipe is a mood a project may name")
    func builtInMoodsHaveRecipes() {
        #expect(Set(MoodRecipe.all.map(\.name)) == Set(MusicMood.all))
    }
}

@Suite struct AudioAnalysisTests {
    @Test func findsSilencesAndMeasuresLoudness() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let file = directory.appendingPathComponent("gappy.wav")
        // 1 s of a −20 dBFS tone, 2 s of silence, 1 s of tone.
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "aevalsrc='0.1*sin(2*PI*997*t)*(lt(t,1)+gte(t,3))':s=48000:d=4", file.path])
        let silences = try await AudioAnalysis.silences(in: file, minimum: 0.5)
        #expect(silences.count == 1)
        if let silence = silences.first {
            #expect(abs(silence.lowerBound - 1) < 0.05 && abs(silence.upperBound - 3) < 0.05)
        }
        let loudness = try await AudioAnalysis.loudness(of: file)
        #expect(abs(loudness.truePeakDb - -20) < 0.6, "\(loudness)")
        #expect(loudness.integratedLUFS < -20 && loudness.integratedLUFS > -30, "\(loudness)")
    }

    @Test func parsesSummaryWithInfinitePeak() {
        let text = """
            [Parsed_ebur128_0 @ 0x1] Summary:

              Integrated loudness:
                I:         -70.0 LUFS
                Threshold:   0.0 LUFS

              True peak:
                Peak:       -inf dBFS
            """
        let parsed = AudioAnalysis.parseLoudness(text)
        #expect(parsed?.integratedLUFS == -70)
        #expect(parsed?.truePeakDb == -.infinity)
        #expect(AudioAnalysis.parseSilences(["[silencedetect @ 0x] silence_start: 2.5", "[silencedetect @ 0x] silence_end: 4 | silence_duration: 1.5"]) == [2.5...4])
    }

    @Test func convertsUserAudio() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let source = directory.appendingPathComponent("song.mp3")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "sine=f=330:d=3", "-ac", "2", source.path])
        let bed = directory.appendingPathComponent("music.m4a")
        try await AudioConversion.toMusicBed(source, seconds: 7.5, output: bed)
        #expect(abs(try await MediaProbe.probe(bed).duration - 7.5) < 0.1)
        let voice = directory.appendingPathComponent("voice.wav")
        try await AudioConversion.toVoiceWAV(source, output: voice)
        let info = try await MediaProbe.probe(voice)
        #expect(info.audioStreams.first?.sampleRate == 48000)
        #expect(info.audioStreams.first?.channels == 1)
    }
}

@Suite struct VerificationTests {
    @Test func loudnessAndSilenceProblemsAreWorded() {
        let target = LoudnessTarget.platform
        #expect(target.problems(Loudness(integratedLUFS: -14.4, truePeakDb: -1.2)).isEmpty)
        #expect(target.problems(Loudness(integratedLUFS: -15.6, truePeakDb: -1.2)) == ["integrated loudness is -15.6 LUFS, outside -14 ± 1 LU"])
        #expect(target.problems(Loudness(integratedLUFS: -14, truePeakDb: -0.4)) == ["true peak is -0.4 dBTP, above -1.0 dBTP"])
        #expect(target.problems(Loudness(integratedLUFS: -.infinity, truePeakDb: -.infinity)).count == 1)
        let silences = VideoVerifier.silenceProblems([1.0...2.5, 10.0...13.0, 19.0...25.0], narration: 0.5...20)
        #expect(silences == ["3.0 s of silence at 10.0–13.0 s during the narration"])
    }
}
