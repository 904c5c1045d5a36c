import Foundation
import ProjectModel
import Testing
@testable import Pipeline

@Suite("align: word timings and scene spans")
struct AlignStepTests {
    private func plan(_ narrations: [String]) -> Plan {
        Plan(niche: "facts", language: "en", scriptTemplate: nil, hooks: [], hook: "h", outline: [],
             scenes: narrations.enumerated().map {
                 Plan.Scene(index: $0.offset, narration: $0.element, onScreenText: "", visual: "", image: nil, effect: .static, targetSeconds: 3)
             },
             estimate: .init(wordsPerMinute: 150, words: 0, estimatedSeconds: 0, targetSeconds: 15), warnings: [], source: "test")
    }

    @Test func engineWordsAreOffsetAndScenesTileTheTimeline() {
        let manifest = SpeechManifest(engine: "espeak-ng", voice: "en-us", sampleRate: 22050, totalSeconds: 5.35, scenes: [
            .init(index: 0, offset: 0, duration: 2, words: [.init(text: "Hello", start: 0.1, end: 0.6), .init(text: "there.", start: 0.7, end: 1.9)]),
            .init(index: 1, offset: 2.35, duration: 3, words: [.init(text: "Bye.", start: 0.2, end: 0.9)]),
        ])
        let timings = AlignStep.timings(plan: plan(["Hello there.", "Bye."]), manifest: manifest, tail: 1)
        #expect(timings.words.map(\.text) == ["Hello", "there.", "Bye."])
        #expect(abs(timings.words[2].start - 2.55) < 1e-9)
        #expect(timings.words[2].scene == 1)
        #expect(timings.scenes[0].start == 0)
        #expect(timings.scenes[0].end == timings.scenes[1].start)
        #expect(abs(timings.scenes[0].end - 2.175) < 1e-9)
        #expect(abs(timings.scenes[1].end - 6.35) < 1e-9, "the last scene holds for the tail")
    }

    @Test func suppliedVoiceoverIsSpreadInProportionWithinScenes() {
        let words = AlignStep.proportionalWords("One two. Three four five.", start: 10, duration: 5, scene: 2)
        #expect(words.count == 5)
        #expect(words.first!.start == 10)
        #expect(zip(words, words.dropFirst()).allSatisfy { $0.start < $1.start && $0.end <= $1.start })
        #expect(words.last!.end <= 15)
        // The word after a sentence end starts later than an even split would put it.
        #expect(words[2].start - words[1].start > words[1].start - words[0].start)
    }
}

@Suite("Asset lookup")
struct AssetResolverTests {
    @Test func findsFilesAndRefusesEscapes() throws {
        let root = FileManager.default.temporaryDirectory.appending(path: "assets-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: root.appending(path: "img"), withIntermediateDirectories: true)
        try Data([1]).write(to: root.appending(path: "img/a.png"))
        try FileManager.default.createSymbolicLink(at: root.appending(path: "img/escape.png"), withDestinationURL: URL(filePath: "/etc/hostname"))
        let resolver = AssetResolver(roots: [root])
        #expect(try resolver.resolve("img/a.png", field: "scenes[0].image").lastPathComponent == "a.png")
        #expect(throws: ProjectFileError.self) { try resolver.resolve("img/missing.png", field: "scenes[0].image") }
        do {
            _ = try resolver.resolve("img/escape.png", field: "scenes[1].image")
            Issue.record("a symlink out of the asset root was followed")
        } catch let error as ProjectFileError {
            #expect(error.field == "scenes[1].image")
            #expect(error.reason.contains("outside"))
        }
    }
}
