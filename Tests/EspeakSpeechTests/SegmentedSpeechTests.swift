import EspeakSpeech
import Providers
import Testing

/// Speech in scripts written without spaces: one timed word per word the segmenter finds, with
/// starts along the engine's own events.
@Suite struct SegmentedSpeechTests {
    @Test func chineseWordsTakeTheirFirstCharactersEvent() throws {
        let speech = try SpeechSynthesizer.synthesize("章鱼有三颗心脏，两颗负责给鳃供血。", voice: "cmn", wordsPerMinute: 150)
        #expect(speech.words.map(\.text) == ["章鱼", "有", "三颗", "心脏，", "两", "颗", "负责", "给", "鳃", "供血。"])
        let characterEvents = speech.events.filter { $0.kind == .word && $0.length > 0 }
        #expect(characterEvents.count >= 14, "espeak-ng times each character: \(characterEvents.count)")
        // "有" is the third character: its start is the third character's event.
        #expect(abs(speech.words[1].start - characterEvents[2].seconds) < 0.002)
    }

    @Test func thaiWordsInsideOneEngineWordAreSpreadAlongItsPhonemes() throws {
        let speech = try SpeechSynthesizer.synthesize("ปลาหมึกยักษ์มีหัวใจสามดวง สองดวง", voice: "th", wordsPerMinute: 150)
        #expect(speech.words.count >= 6, "\(speech.words.map(\.text))")
        let starts = speech.words.map(\.start)
        #expect(starts == starts.sorted() && Set(starts).count == starts.count)
        // Every start but the first, inside the first run's engine word, falls on a phoneme onset.
        let phonemes = Set(speech.events.filter { $0.kind == .phoneme }.map(\.seconds))
        let secondRun = speech.events.filter { $0.kind == .word && $0.length > 0 }.dropFirst().first?.seconds ?? .infinity
        for word in speech.words.dropFirst() where word.start < secondRun {
            #expect(phonemes.contains(word.start), "\(word.text) at \(word.start)")
        }
    }

    @Test func japaneseKanjiAreNamedAsAProblemForTheVoice() {
        let provider = EspeakSpeechProvider()
        #expect(provider.readingProblem("タコには心臓が三つ", language: "ja")?.contains("3 kanji") == true)
        #expect(provider.readingProblem("タコにはしんぞうがみっつ", language: "ja") == nil)
        #expect(provider.readingProblem("章鱼", language: "zh") == nil)
        #expect(throws: (any Error).self) { try provider.checkLanguage("yo") }
        #expect(throws: Never.self) { try provider.checkLanguage("pt-BR") }
        #expect(SpeechSynthesizer.voice(forLanguage: "zh-Hant-TW") == "cmn")
        #expect(SpeechSynthesizer.voice(forLanguage: "de-CH") == "de")
    }
}
