import Foundation
import ProjectModel
import Testing
@testable import Media

@Suite struct OverlayTests {
    private func layout(_ width: Int, _ height: Int, pack: String = "facts") -> OverlayLayout {
        OverlayLayout(style: CaptionStyle.forPack(.named(pack)!, width: width, height: height), width: width, height: height)
    }

    @Test(arguments: [(1080, 1920), (720, 1280), (540, 960)])
    func titleAndLabelsStayInTheSafeTopThirdAndClearOfCaptions(width: Int, height: Int) {
        let layout = layout(width, height)
        let style = layout.style
        // Below the top 10 % (the label box included), inside the side margins (clear of the right-hand buttons).
        #expect(layout.labelTop - layout.labelPadding >= Int(0.1 * Double(height)))
        #expect(style.marginRight >= Int(0.15 * Double(width)))
        // The longest hook still ends inside the top third…
        let hook = "Stop scrolling: how simple rules draw complicated pictures, explained in sixty seconds flat."
        let block = layout.title(hook.uppercased())
        #expect(block.lines.count <= OverlayLayout.titleMaxLines)
        let bottom = layout.titleTop + block.lines.count * layout.lineHeight(em: block.fontSize) + Int(layout.titleOutline + layout.titleShadow)
        #expect(bottom <= layout.titleLimit, "title ends at \(bottom), limit \(layout.titleLimit)")
        #expect(block.lines.allSatisfy { layout.measure($0, em: block.fontSize) <= layout.available })
        // …far above the word captions, whose top is above the bottom 27 %.
        let captionTop = Double(height - style.marginBottom) - Double(style.maxLines) * style.lineHeight * style.highlightScale
        #expect(Double(layout.bottom) < captionTop)
        // The label sits above the title.
        #expect(layout.labelBottom < layout.titleTop)
    }

    @Test func shortHooksStayBigAndLinesAreBalanced() {
        let layout = layout(1080, 1920)
        let short = layout.title("THREE HEARTS")
        #expect(short.fontSize == layout.titleSizes.largest && short.lines == ["THREE HEARTS"])
        let two = layout.title("OCTOPUSES HAVE THREE HEARTS AND BLUE BLOOD")
        #expect(two.lines.count >= 2)
        let widths = two.lines.map { layout.measure($0, em: two.fontSize) }
        #expect((widths.max() ?? 0) - (widths.min() ?? 0) < layout.available / 2, "balanced: \(two.lines)")
        // A long label shrinks to one line or splits in two.
        let label = layout.label("A VERY LONG LABEL THAT WILL NOT FIT ON ONE LINE AT ALL")
        #expect(label.lines.count <= 2)
        #expect(label.lines.allSatisfy { layout.measure($0, em: label.fontSize) <= layout.available + 1 })
    }

    @Test func labelTextContrastsWithItsBox() {
        #expect(OverlayLayout.contrasting(RGBColor(hex: "#00D4FF")!) == RGBColor(red: 0, green: 0, blue: 0))
        #expect(OverlayLayout.contrasting(RGBColor(hex: "#FF0000")!) == RGBColor(red: 255, green: 255, blue: 255))
    }

    @Test func overlaysAreTimedBetweenTransitions() {
        let timeline = SceneTimeline(starts: [0, 2, 4, 4.5], duration: 7, fps: 30,
                                     transitions: [SceneTransition(.crossfade, seconds: 0.4), .cut, SceneTransition(.slideLeft, seconds: 0.2)])
        let overlays = TextOverlay.forVideo(hook: "Octopuses have three hearts.", labels: ["KICKER", "TWO", "TOO SHORT", ""],
                                            timeline: timeline)
        #expect(overlays.map(\.role) == [.title, .label, .label])
        #expect(overlays[0].start == 0 && abs(overlays[0].end - 1.8) < 1e-9)
        #expect(overlays[1].text == "KICKER" && abs(overlays[1].end - 1.8) < 1e-9)
        #expect(overlays[2].text == "TWO" && abs(overlays[2].start - 2.2) < 1e-9 && abs(overlays[2].end - 4) < 1e-9)
    }

    @Test func documentCarriesTitleAndLabelsInOneFile() {
        let style = CaptionStyle.forPack(.named("horror")!, width: 1080, height: 1920)
        let overlays = [TextOverlay(role: .title, text: "Never open {the} door", start: 0, end: 2.5),
                        TextOverlay(role: .label, text: "Night one", start: 2.7, end: 6)]
        let words = Fixtures.words("Never open the door", from: 0.2, to: 2.4, scene: 0)
        let document = ASSCaptionWriter.document(words: words, style: style, width: 1080, height: 1920, endTime: 6, overlays: overlays)
        #expect(document.contains("Style: Title,League Spartan Black,"))
        #expect(document.contains("Style: Label,League Spartan Black,"))
        let lines = document.split(separator: "\n").map(String.init)
        let title = lines.first { $0.hasPrefix("Dialogue: 2,0:00:00.00,0:00:02.50,Title,") }
        #expect(title?.contains("\\an8\\pos(540,") == true)
        #expect(title?.contains("\\fad(150,220)") == true && title?.contains("\\t(0,170,") == true, "it pops in")
        #expect(title?.hasSuffix("}NEVER OPEN\\N\\{THE\\} DOOR") == true, "escaped, in capitals, balanced lines: \(title ?? "")")
        #expect(lines.contains { $0.hasPrefix("Dialogue: 1,0:00:02.70,0:00:06.00,Label,") && $0.hasSuffix("NIGHT ONE") })
        // Still exactly one caption event per spoken word, on layer 0.
        #expect(lines.filter { $0.hasPrefix("Dialogue: 0,") }.count == 4)
    }
}
