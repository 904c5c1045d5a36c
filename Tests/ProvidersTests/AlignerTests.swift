import Foundation
import JobDocuments
import Providers
import Testing

@Suite("Aligners: word timings and scene spans")
struct AlignerTests {
    private func plan(_ narrations: [String]) -> Plan {
        Plan(niche: "facts", language: "en", scriptTemplate: nil, hooks: [], hook: "h", outline: [],
             scenes: narrations.enumerated().map {
                 Plan.Scene(index: $0.offset, narration: $0.element, onScreenText: "", visual: "", image: nil, effect: .static, targetSeconds: 3)
             },
             estimate: .init(wordsPerMinute: 150, words: 0, estimatedSeconds: 0, targetSeconds: 15), warnings: [], source: "test")
    }

    private func request(_ narrations: [String], _ manifest: SpeechManifest) -> AlignmentRequest {
        AlignmentRequest(plan: plan(narrations), speech: manifest, voiceover: URL(filePath: "/dev/null"), tailSeconds: 1, language: "en")
    }

    @Test("the speech's own word times are offset by each scene's start; scenes tile the timeline; the last holds for the tail")
    func speechTimingsAreUsedAsTheyAre() async throws {
        let manifest = SpeechManifest(engine: "espeak-ng", voice: "en-us", sampleRate: 22050, totalSeconds: 5.35, scenes: [
            .init(index: 0, offset: 0, duration: 2, words: [.init(text: "Hello", start: 0.1, end: 0.6), .init(text: "there.", start: 0.7, end: 1.9)]),
            .init(index: 1, offset: 2.35, duration: 3, words: [.init(text: "Bye.", start: 0.2, end: 0.9)]),
        ])
        #expect(manifest.hasWordTimings)
        let timings = try await SpeechTimingsAligner().align(request(["Hello there.", "Bye."], manifest))
        #expect(timings.source == "espeak-ng")
        #expect(timings.words.map(\.text) == ["Hello", "there.", "Bye."])
        #expect(abs(timings.words[2].start - 2.55) < 1e-9 && timings.words[2].scene == 1)
        #expect(timings.scenes[0].start == 0 && timings.scenes[0].end == timings.scenes[1].start)
        #expect(abs(timings.scenes[0].end - 2.175) < 1e-9)
        #expect(abs(timings.scenes[1].end - 6.35) < 1e-9, "the last scene holds for the tail")
    }

    @Test("without timings, words are spread in proportion within each scene, longer after a sentence end")
    func proportionalSpread() async throws {
        let manifest = SpeechManifest(engine: "voiceover", voice: "vo.mp3", sampleRate: 0, totalSeconds: 15, scenes: [
            .init(index: 0, offset: 0, duration: 10, words: []), .init(index: 2, offset: 10, duration: 5, words: []),
        ])
        #expect(!manifest.hasWordTimings)
        let timings = try await ProportionalAligner().align(request(["Intro words here.", "x", "One two. Three four five."], manifest))
        #expect(timings.source == "proportional")
        let words = timings.words.filter { $0.scene == 2 }
        #expect(words.count == 5 && words.first!.start == 10)
        #expect(zip(words, words.dropFirst()).allSatisfy { $0.start < $1.start && $0.end <= $1.start })
        #expect(words.last!.end <= 15)
        #expect(words[2].start - words[1].start > words[1].start - words[0].start)
    }

    @Test("markup is not spoken, so it is not timed: the estimate uses the text the voice says")
    func estimateUsesSpokenText() {
        let words = ProportionalAligner.words("A *bold* claim — really.", start: 0, duration: 2, scene: 0)
        #expect(words.map(\.text) == ["A", "bold", "claim,", "really."])
    }
}

@Suite("Placeholder providers (the dry run)")
struct PlaceholderTests {
    @Test("placeholder speech lasts as long as its words at the tempo, and gives no timings")
    func placeholderSpeechLength() async throws {
        let output = FileManager.default.temporaryDirectory.appending(path: "placeholder-\(UUID().uuidString.prefix(8)).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        let clip = try await PlaceholderSpeech().synthesize(.init(text: "one two three four five six", voice: nil, language: "en", wordsPerMinute: 120), to: output)
        #expect(clip.seconds == 3 && clip.words == nil && clip.file == output)
        #expect(try String(contentsOf: output, encoding: .utf8).hasPrefix("[dry-run audio] 3.00 s"))
    }

    @Test("BlockingCall runs off the cooperative pool and tells the work it was cancelled")
    func blockingCallCancellation() async throws {
        let queue = DispatchQueue(label: "test.blocking")
        let task = Task {
            try await BlockingCall.run(on: queue) { flag -> Int in
                var spins = 0
                while !flag.isCancelled && spins < 5_000 {
                    Thread.sleep(forTimeInterval: 0.001)
                    spins += 1
                }
                if flag.isCancelled { throw CancellationError() }
                return spins
            }
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(try await BlockingCall.run(on: queue) { _ in 42 } == 42)
    }
}
