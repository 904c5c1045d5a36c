import JobDocuments
import Providers
import Testing

@Suite("TranscriptMatcher: the script's words, timed by what was heard")
struct TranscriptMatcherTests {
    func heard(_ words: [String], step: Double = 1) -> [SpokenWord] {
        words.enumerated().map { .init(text: $0.element, start: Double($0.offset) * step, end: Double($0.offset) * step + 0.8) }
    }

    @Test func wordsHeardAsWrittenTakeTheirTimes() {
        let times = TranscriptMatcher.times(script: ["Octopuses", "have", "three", "hearts."],
                                            heard: heard(["octopuses", "have", "three", "hearts"]), speechEnd: 4)
        #expect(times.map(\.start) == [0, 1, 2, 3])
        #expect(times.map(\.end) == [0.8, 1.8, 2.8, 3.8])
    }

    @Test func aMisheardWordKeepsItsPlaceAndItsPartnersTime() {
        let times = TranscriptMatcher.times(script: ["the", "kraken", "wakes"], heard: heard(["the", "cracken", "wakes"]), speechEnd: 3)
        #expect(times.map(\.start) == [0, 1, 2])
    }

    @Test func aMissedWordIsPlacedBetweenItsNeighbours() {
        let times = TranscriptMatcher.times(script: ["one", "two", "three", "four"], heard: heard(["one", "four"], step: 3), speechEnd: 4)
        #expect(times[0].start == 0 && times[3].start == 3)
        #expect(times[1].start == 0.8 && abs(times[2].start - 1.9) < 1e-9, "the 2.2 s gap shared by two words")
        #expect(times.map(\.start) == times.map(\.start).sorted())
    }

    @Test func extraHeardWordsAreDroppedAndTheTailIsSpreadToTheEnd() {
        let times = TranscriptMatcher.times(script: ["hello", "world", "again"], heard: heard(["uh", "hello", "world"]), speechEnd: 5)
        #expect(times[0].start == 1 && times[1].start == 2)
        #expect(times[2].start == 2.8 && times[2].end <= 5)
    }

    @Test func nothingHeardSpreadsEverythingOverTheSpeech() {
        let times = TranscriptMatcher.times(script: ["a", "b"], heard: [], speechEnd: 2)
        #expect(times.map(\.start) == [0, 1])
    }
}
