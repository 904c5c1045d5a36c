import Foundation
import JobDocuments
import ProjectModel
import Testing
@testable import Media

/// One parsed `Dialogue:` line.
private struct Dialogue {
    var start: Int
    var end: Int
    var text: String

    init?(_ line: String) {
        guard line.hasPrefix("Dialogue: ") else { return nil }
        let fields = line.dropFirst("Dialogue: ".count).split(separator: ",", maxSplits: 9, omittingEmptySubsequences: false)
        guard fields.count == 10, let start = Dialogue.centiseconds(String(fields[1])), let end = Dialogue.centiseconds(String(fields[2])) else {
            return nil
        }
        self.start = start
        self.end = end
        self.text = String(fields[9])
    }

    static func centiseconds(_ text: String) -> Int? {
        let parts = text.split(separator: ":")
        guard parts.count == 3, let hours = Int(parts[0]), parts[1].count == 2, let minutes = Int(parts[1]) else { return nil }
        let secondParts = parts[2].split(separator: ".")
        guard secondParts.count == 2, secondParts[1].count == 2, let seconds = Int(secondParts[0]), let hundredths = Int(secondParts[1]) else {
            return nil
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 100 + hundredths
    }

    /// The text without override blocks: what the viewer reads.
    var visibleText: String {
        var output = ""
        var depth = 0
        var previous: Character = " "
        for character in text {
            if character == "{" && previous != "\\" { depth += 1 } else if character == "}" && previous != "\\" && depth > 0 { depth -= 1 } else if depth == 0 { output.append(character) }
            previous = character
        }
        return output
    }
}

@Suite struct ASSCaptionWriterTests {
    let pack = NichePack.named("facts")!
    var style: CaptionStyle { CaptionStyle.forPack(pack, width: 1080, height: 1920) }

    private func dialogues(_ words: [TimedWord], endTime: Double, style: CaptionStyle? = nil) -> [Dialogue] {
        ASSCaptionWriter.document(words: words, style: style ?? self.style, width: 1080, height: 1920, endTime: endTime)
            .split(separator: "\n").compactMap { Dialogue(String($0)) }
    }

    private var script: [TimedWord] {
        Fixtures.words("Octopuses have three hearts and blue blood.", from: 0.3, to: 3.2, scene: 0)
            + Fixtures.words("Two hearts pump blood to the gills, one to the body.", from: 3.4, to: 7.0, scene: 1)
            + Fixtures.words("When they swim, the main heart stops", from: 9.2, to: 12.0, scene: 2)
    }

    @Test func headerDeclaresFrameAndStyle() {
        let document = ASSCaptionWriter.document(words: script, style: style, width: 1080, height: 1920, endTime: 13)
        for line in ["PlayResX: 1080", "PlayResY: 1920", "WrapStyle: 2", "ScaledBorderAndShadow: yes", "[Events]"] {
            #expect(document.contains(line))
        }
        #expect(document.contains("Style: Default,League Spartan Black,\(style.assFontSize),&H00FFD400,&H0000D7FF,&H00000000,"))
    }

    @Test func eventsAreContiguousExceptAfterLongPauses() {
        let events = dialogues(script, endTime: 13)
        #expect(events.count == script.count)
        for (current, next) in zip(events, events.dropFirst()) {
            #expect(current.end > current.start)
            if next.start - current.end != 0 {
                // Only the 2.2 s pause before scene 2 may leave the screen clear, and then for ≤ 0.5 s of hold.
                #expect(next.start - current.end > 100)
                #expect(current.start < 920 && next.start >= 920)
            }
        }
        let lastWord = script[script.count - 1]
        #expect(events.last?.end == Int(((lastWord.end + 0.8) * 100).rounded()))
    }

    @Test func pauseLongerThanHoldClearsTheScreen() {
        let words = [TimedWord(text: "Wait.", start: 0, end: 0.5, scene: 0), TimedWord(text: "Now", start: 3, end: 3.4, scene: 0)]
        let events = dialogues(words, endTime: 10)
        #expect(events.map(\.start) == [0, 300])
        #expect(events.map(\.end) == [100, 420])
    }

    @Test func lastEventStopsAtEndTime() {
        let words = [TimedWord(text: "Bye", start: 1, end: 1.5, scene: 0)]
        #expect(dialogues(words, endTime: 1.9).last?.end == 190)
    }

    @Test func exactlyOneHighlightedWordPerEvent() {
        let highlight = ASSCaptionWriter.color(style.highlightColor)
        for event in dialogues(script, endTime: 13) {
            #expect(event.text.components(separatedBy: "\\1c\(highlight)").count - 1 == 1, "\(event.text)")
        }
    }

    @Test func highlightFollowsTheSpokenWord() {
        let events = dialogues(script, endTime: 13)
        for (event, word) in zip(events, script) {
            let highlighted = event.text.components(separatedBy: "\\1c\(ASSCaptionWriter.color(style.highlightColor))").last ?? ""
            let text = highlighted.split(separator: "}", maxSplits: 1).last?.split(separator: "{").first.map(String.init) ?? ""
            #expect(text == word.text.uppercased())
        }
    }

    @Test func pagesNeverMixScenesOrCrossSentencesOrPauses() {
        let words = [
            TimedWord(text: "one", start: 0, end: 0.3, scene: 0), TimedWord(text: "two", start: 0.3, end: 0.6, scene: 1),
            TimedWord(text: "three.", start: 0.6, end: 0.9, scene: 1), TimedWord(text: "four", start: 0.9, end: 1.2, scene: 1),
            TimedWord(text: "five", start: 2.0, end: 2.3, scene: 1), TimedWord(text: "six", start: 2.3, end: 2.6, scene: 1),
        ]
        let pages = CaptionPage.paginate(words, style: style, width: 1080)
        #expect(pages.map { $0.words.map(\.text) } == [["one"], ["two", "three."], ["four"], ["five", "six"]])
        for page in CaptionPage.paginate(script, style: style, width: 1080) {
            #expect(Set(page.words.map(\.scene)).count == 1)
            #expect(page.words.count <= style.maxWordsPerLine)
            #expect(page.lines.count == 1)
        }
    }

    @Test func twoLinePagesSplitEvenly() {
        var twoLines = style
        twoLines.maxLines = 2
        let layout = LineLayout(style: twoLines, width: 1080)
        let upper = script.map { TimedWord(text: $0.text.uppercased(), start: $0.start, end: $0.end, scene: $0.scene) }
        let pages = CaptionPage.paginate(upper, style: twoLines, width: 1080)
        #expect(pages.contains { $0.lines.count == 2 })
        for page in pages {
            #expect(page.lines.count <= 2)
            #expect(page.lines.flatMap { $0 } == Array(page.words.indices))
            for line in page.lines {
                #expect(layout.fits(line.map { page.words[$0].text }))
            }
        }
        let words = ["A", "VERY", "EXTRAORDINARY"].enumerated().map { TimedWord(text: $0.element, start: Double($0.offset), end: Double($0.offset) + 0.9, scene: 0) }
        var narrow = twoLines
        narrow.marginLeft = 300
        narrow.marginRight = 300
        // Greedy would give "A VERY" / "EXTRAORDINARY"; that is already the most even split here.
        #expect(LineLayout(style: narrow, width: 1080).lines(for: words) == [[0, 1], [2]])
        let balanced = ["EXTRAORDINARY", "TINY", "CATS"].enumerated().map { TimedWord(text: $0.element, start: Double($0.offset), end: Double($0.offset) + 0.9, scene: 0) }
        #expect(LineLayout(style: narrow, width: 1080).lines(for: balanced) == [[0], [1, 2]])
    }

    @Test func linesFitBetweenTheMargins() {
        let long = Fixtures.words("Incomprehensibilities notwithstanding, extraordinary cephalopods demonstrate remarkable problem solving abilities", from: 0, to: 8, scene: 0)
        let layout = LineLayout(style: style, width: 1080)
        for page in CaptionPage.paginate(long.map { TimedWord(text: $0.text.uppercased(), start: $0.start, end: $0.end, scene: 0) }, style: style, width: 1080) {
            for line in page.lines {
                let width = layout.width(ofLine: line.map { page.words[$0].text }) * page.scale
                #expect(width <= layout.available + 0.5, "\(line.map { page.words[$0].text })")
            }
        }
        // A single word wider than a line is shrunk, not spilled into the button column.
        let giant = CaptionPage.paginate([TimedWord(text: "PNEUMONOULTRAMICROSCOPICSILICOVOLCANOCONIOSIS", start: 0, end: 1, scene: 0)], style: style, width: 1080)
        #expect(giant[0].scale < 1)
        #expect(dialogues([TimedWord(text: "Pneumonoultramicroscopicsilicovolcanoconiosis", start: 0, end: 1, scene: 0)], endTime: 2)[0].text.hasPrefix("{\\fscx"))
    }

    @Test func wordTextCannotInjectTags() {
        // One word per scene, so each page is one word and any `\N` would have come from the text.
        let words = [
            TimedWord(text: "{\\pos(0,0)}evil", start: 0, end: 0.4, scene: 0),
            TimedWord(text: "back\\Nslash\\h", start: 0.4, end: 0.8, scene: 1),
            TimedWord(text: "bell\u{07}tab\tnew\nline", start: 0.8, end: 1.2, scene: 2),
        ]
        var plain = style
        plain.uppercase = false
        let events = dialogues(words, endTime: 2, style: plain)
        #expect(events.count == 3)
        for event in events {
            #expect(!event.text.contains("{\\pos"))
            #expect(!event.text.contains("\\N"), "a word's backslash-N must not become a line break")
            #expect(!event.text.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
        #expect(events[0].visibleText == "\\{\\\u{2060}pos(0,0)\\}evil")
        #expect(events[1].visibleText == "back\\\u{2060}Nslash\\\u{2060}h")
        #expect(events[2].visibleText == "bell tab new line")
    }

    @Test func timestampsAreFormattedAndRounded() {
        #expect(ASSCaptionWriter.timestamp(0) == "0:00:00.00")
        #expect(ASSCaptionWriter.timestamp(ASSCaptionWriter.centiseconds(3723.456)) == "1:02:03.46")
        #expect(ASSCaptionWriter.centiseconds(1.005) == ASSCaptionWriter.centiseconds(1.005))
        #expect(ASSCaptionWriter.centiseconds(-1) == 0)
    }

    @Test func emptyWordsGiveAValidEmptyDocument() {
        let document = ASSCaptionWriter.document(words: [], style: style, width: 1080, height: 1920, endTime: 5)
        #expect(document.contains("[Events]"))
        #expect(!document.contains("Dialogue:"))
    }
}

@Suite struct CaptionStyleTests {
    @Test(arguments: [(1080, 1920), (540, 960), (720, 1280)])
    func packDefaultsStayInsideTheSafeArea(width: Int, height: Int) {
        let style = CaptionStyle.forPack(.named("horror")!, width: width, height: height)
        let outline = Int(style.outlineWidth.rounded(.up))
        // Clear of the bottom 20 % (caption, sound ticker) and the right-hand button column (15 %).
        #expect(style.marginBottom - outline >= Int(0.2 * Double(height)))
        #expect(style.marginRight - outline >= Int(0.15 * Double(width)))
        #expect(style.marginLeft - outline >= 0)
        // Two lines at most, and their top stays below the top 10 %.
        let top = Double(height - style.marginBottom) - Double(style.maxLines) * style.lineHeight * style.highlightScale
        #expect(top >= 0.1 * Double(height))
    }

    @Test func packColoursAndFontScale() {
        let pack = NichePack.named("facts")!
        let style = CaptionStyle.forPack(pack, width: 1080, height: 1920)
        #expect(style.primaryColor == pack.captionPrimary)
        #expect(style.highlightColor == pack.captionHighlight)
        #expect(style.fontSize == 84)
        #expect(CaptionStyle.forPack(pack, width: 540, height: 960).fontSize == 42)
        #expect(style.maxWordsPerLine == 3)
        if style.fontsDirectory != nil {
            // League Spartan's Windows ascent + descent is 1.49 em, which libass uses as the font size.
            #expect(abs(style.fontHeightRatio - 1.49) < 0.01)
        }
    }
}
