import Foundation
import Testing
import Providers
@testable import EspeakSpeech

@Suite("SpeechSynthesizer")
struct SpeechSynthesizerTests {
    static let sample = "Octopuses have three hearts. Two pump blood through the gills, and one — the largest — pumps it around the body!"

    static func checkTimings(_ speech: Speech, sourceLocation: SourceLocation = #_sourceLocation) {
        for (previous, word) in zip(speech.words, speech.words.dropFirst()) {
            #expect(word.start > previous.start, "\(word.text) starts after \(previous.text)", sourceLocation: sourceLocation)
            #expect(previous.end <= word.start + 1e-9, sourceLocation: sourceLocation)
        }
        for word in speech.words { #expect(word.end > word.start, sourceLocation: sourceLocation) }
        if let last = speech.words.last {
            #expect(abs(speech.duration - last.end) < 0.25, "duration \(speech.duration) vs last word end \(last.end)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func wordsMatchTheTextAndTimingsIncrease() throws {
        let speech = try SpeechSynthesizer.synthesize(Self.sample, voice: "en-us", wordsPerMinute: 150)
        #expect(speech.sampleRate == 22_050)
        #expect(speech.words.map(\.text) == SpeechText.words(ofNormalized: SpeechText.normalize(Self.sample)))
        #expect(speech.words.count == 19)
        #expect(speech.words.first!.start < 0.2)
        Self.checkTimings(speech)
        // "hearts." ends a sentence: its end is where the voice stops, well before "Two" starts.
        let hearts = speech.words[3], two = speech.words[4]
        #expect(two.start - hearts.end > 0.1)
    }

    @Test func markupIsNotSpokenAndCaptionsMatch() throws {
        let text = "**Stop** scrolling: the _real_ reason # cats purr\n\n--- is ~~simple~~ *science*."
        let speech = try SpeechSynthesizer.synthesize(text, voice: "en-us", wordsPerMinute: 180)
        #expect(speech.text == "Stop scrolling: the real reason cats purr, is simple science.")
        #expect(speech.words.map(\.text) == ["Stop", "scrolling:", "the", "real", "reason", "cats", "purr,", "is", "simple", "science."])
        Self.checkTimings(speech)
    }

    @Test func numbersAbbreviationsAndAccentsKeepOneWordPerToken() throws {
        let text = "Héllo café: in 2024, 1,000 well-known cats visited the U.S.A. & 50 % stayed."
        let speech = try SpeechSynthesizer.synthesize(text, voice: "en-us", wordsPerMinute: 150)
        #expect(speech.words.map(\.text) == text.split(separator: " ").map(String.init))
        Self.checkTimings(speech)
        // Multi-word tokens ("2024," is spoken as several words) take their full length.
        let year = speech.words[3]
        #expect(year.end - year.start > 0.5)
    }

    @Test func emojiAndSymbolsDoNotShiftTimings() throws {
        let text = "Go 🔥 pizza now, naïve café – ok 100 % sure."
        let speech = try SpeechSynthesizer.synthesize(text, voice: "en-us", wordsPerMinute: 150)
        #expect(speech.words.map(\.text) == ["Go", "🔥", "pizza", "now,", "naïve", "café,", "ok", "100", "%", "sure."])
        Self.checkTimings(speech)
    }

    @Test func cancellationStopsSynthesisAndTheEngineRecovers() async throws {
        let text = String(repeating: Self.sample + " ", count: 30)
        let output = FileManager.default.temporaryDirectory.appending(path: "cancel-\(UUID().uuidString.prefix(8)).wav")
        defer { try? FileManager.default.removeItem(at: output) }
        let request = SpeechRequest(text: text, voice: "en-us", language: "en", wordsPerMinute: 150)
        let task = Task { try await EspeakSpeechProvider().synthesize(request, to: output) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(!FileManager.default.fileExists(atPath: output.path), "nothing written for a canceled synthesis")
        let after = try SpeechSynthesizer.synthesize("Still working.", voice: "en-us", wordsPerMinute: 150)
        #expect(after.words.map(\.text) == ["Still", "working."])
        Self.checkTimings(after)
    }

    @Test func rateFollowsWordsPerMinute() throws {
        let slow = try SpeechSynthesizer.synthesize(Self.sample, voice: "en-us", wordsPerMinute: 120)
        let fast = try SpeechSynthesizer.synthesize(Self.sample, voice: "en-us", wordsPerMinute: 180)
        #expect(slow.duration > fast.duration * 1.25)
    }

    @Test func unknownVoiceIsNamed() {
        #expect(throws: SpeechError.unknownVoice("xx-nope")) {
            try SpeechSynthesizer.synthesize("Hello there.", voice: "xx-nope", wordsPerMinute: 150)
        }
        #expect(SpeechError.unknownVoice("xx-nope").description.contains("'xx-nope'"))
        #expect(throws: SpeechError.nothingToSay) {
            try SpeechSynthesizer.synthesize(" *** --- ", voice: "en-us", wordsPerMinute: 150)
        }
    }

    @Test func voicesAndLanguageDefaults() throws {
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "en") == "en-us")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "en-GB") == "en-gb")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "pt-BR") == "pt-br")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "es") == "es")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "fr") == "fr-fr")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "de") == "de")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "it") == "it")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "zh") == "cmn")
        #expect(SpeechSynthesizer.defaultVoice(forLanguage: "qq") == "en-us")
        for voice in ["en-us", "en-gb", "en+f3", "pt-br", "es", "fr", "de", "it"] {
            let speech = try SpeechSynthesizer.synthesize("Hello world, again.", voice: voice, wordsPerMinute: 150)
            #expect(speech.words.count == 3, "\(voice)")
        }
    }

    @Test func concurrentCallsAreSafe() async throws {
        let texts = (0..<8).map { "Call number \($0) says \(String(repeating: "one more word ", count: $0 + 2))and stops." }
        let results = try await withThrowingTaskGroup(of: (Int, Speech).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask { (index, try SpeechSynthesizer.synthesize(text, voice: index % 2 == 0 ? "en-us" : "en-gb", wordsPerMinute: 150 + index * 10)) }
            }
            var results: [Int: Speech] = [:]
            for try await (index, speech) in group { results[index] = speech }
            return results
        }
        for (index, text) in texts.enumerated() {
            let speech = try #require(results[index])
            #expect(speech.words.map(\.text) == text.split(separator: " ").map(String.init))
            Self.checkTimings(speech)
        }
    }

    @Test func synthesisIsFarFasterThanRealTime() throws {
        let text = String(repeating: Self.sample + " ", count: 12)
        let clock = ContinuousClock()
        var speech: Speech?
        let elapsed = try clock.measure { speech = try SpeechSynthesizer.synthesize(text, voice: "en-us", wordsPerMinute: 150) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let audio = try #require(speech).duration
        print("espeak-ng: \(String(format: "%.1f", audio)) s of speech in \(String(format: "%.3f", seconds)) s (\(Int(audio / seconds))x real time)")
        #expect(audio / seconds > 20)
    }
}
