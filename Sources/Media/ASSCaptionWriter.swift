import JobDocuments
import Foundation
import Languages
import ProjectModel

/// Writes word-by-word highlighted captions as an ASS subtitle file for the `ass` filter.
///
/// Each word gets one Dialogue event that shows its whole page with that word in the highlight colour.
/// Events are contiguous: a word's event ends exactly where the next one begins (same centisecond
/// value), so there is never a blank frame between words — the flicker of the old system, whose events
/// lasted only [word.start, word.end].
public enum ASSCaptionWriter {
    /// A page's last word stays up until the next page when the pause before it is at most this long…
    public static let holdAcrossPause = 1.5
    /// …otherwise it stays this long after it is spoken, and the screen is clear during the pause.
    public static let holdAfterWord = 0.5
    /// The very last word stays this long after it is spoken (bounded by the video's end).
    public static let holdAtEnd = 0.8

    /// The complete ASS document for `words` on a `width`×`height` frame; nothing is shown after `endTime`.
    ///
    /// `overlays` (the title card and scene labels) become events of their own styles in the same file,
    /// on layers above the captions, so the render's one `ass` pass draws them too.
    public static func document(
        words: [TimedWord], style: CaptionStyle, width: Int, height: Int, endTime: Double, overlays: [TextOverlay] = []
    ) -> String {
        let layout = OverlayLayout(style: style, width: width, height: height)
        var output = header(style: style, width: width, height: height, extraStyles: overlays.isEmpty ? [] : layout.styleLines)
        let limit = centiseconds(endTime)
        for overlay in overlays {
            let start = centiseconds(overlay.start)
            let end = min(centiseconds(overlay.end), limit)
            guard end > start else { continue }
            let event = layout.eventText(overlay)
            output += "Dialogue: \(event.layer),\(timestamp(start)),\(timestamp(end)),\(event.style),,0,0,0,,\(event.text)\n"
        }
        for event in events(words: words, style: style, width: width, endTime: endTime) {
            output += "Dialogue: 0,\(timestamp(event.start)),\(timestamp(event.end)),Default,,0,0,0,,\(event.text)\n"
        }
        return output
    }

    /// One caption event; times in centiseconds.
    struct Event: Sendable, Hashable {
        var start: Int
        var end: Int
        var text: String
    }

    static func events(words: [TimedWord], style: CaptionStyle, width: Int, endTime: Double) -> [Event] {
        let cleaned = words
            .map { TimedWord(text: CaptionText.clean($0.text, uppercase: style.uppercase, language: style.language),
                             start: $0.start, end: max($0.start, $0.end), scene: $0.scene) }
            .filter { !$0.text.isEmpty && $0.start.isFinite && $0.end.isFinite }
            .sorted { $0.start < $1.start }
        let pages = CaptionPage.paginate(cleaned, style: style, width: width)
        let layout = LineLayout(style: style, width: width)
        let slots = pages.flatMap { page in page.words.indices.map { (page: page, index: $0) } }
        let limit = centiseconds(endTime)

        var events: [Event] = []
        for (position, slot) in slots.enumerated() {
            let word = slot.page.words[slot.index]
            let endSeconds: Double
            if position + 1 < slots.count {
                let next = slots[position + 1].page.words[slots[position + 1].index]
                let lastOfPage = slot.index == slot.page.words.count - 1
                if lastOfPage && next.start - word.end > holdAcrossPause {
                    endSeconds = min(word.end + holdAfterWord, next.start)
                } else {
                    endSeconds = next.start
                }
            } else {
                endSeconds = min(endTime, word.end + holdAtEnd)
            }
            let start = centiseconds(word.start)
            let end = min(centiseconds(endSeconds), limit)
            guard end > start else { continue }
            events.append(Event(start: start, end: end, text: text(of: slot.page, highlighting: slot.index, style: style, layout: layout)))
        }
        return events
    }

    /// The page's text with the word at `highlighted` coloured and enlarged.
    static func text(of page: CaptionPage, highlighting highlighted: Int, style: CaptionStyle, layout: LineLayout) -> String {
        let basePercent = percent(page.scale)
        let big = percent(page.scale * style.highlightScale)
        let primary = color(style.primaryColor)
        let accent = color(style.highlightColor)
        let base = style.primaryFace
        let lines = page.lines.map { line in
            line.map { index -> String in
                let word = style.fonts.assText(page.words[index].text, em: Double(style.fontSize), base: base)
                guard index == highlighted else { return word }
                var tags = "\\1c\(accent)"
                if big != basePercent {
                    tags += "\\fscx\(big)\\fscy\(big)"
                    // Pull the letters together by what the enlargement adds, so the rest of the line
                    // does not shift sideways as the highlight moves from word to word.
                    let text = page.words[index].text
                    let added = (style.highlightScale - 1) * layout.width(of: text) * page.scale
                    let spacing = -added / (Double(text.count) * page.scale * style.highlightScale)
                    tags += "\\fsp\(format(spacing))"
                }
                var reset = "\\1c\(primary)"
                if big != basePercent { reset += "\\fscx\(basePercent)\\fscy\(basePercent)\\fsp0" }
                return "{\(tags)}\(word){\(reset)}"
            }
            .enumerated().map { position, text in
                // Words of a script written without spaces run together (``WordSpacing``).
                position == 0 ? text : WordSpacing.separator(between: page.words[line[position - 1]].text,
                                                              and: page.words[line[position]].text) + text
            }
            .joined()
        }
        // A right-to-left language's line opens with U+200F, so that libass (told to detect the
        // direction: `Encoding` -1) lays it out right to left even when it starts with a Latin word.
        let mark = style.isRightToLeft ? "\u{200F}" : ""
        let prefix = basePercent == 100 ? "" : "{\\fscx\(basePercent)\\fscy\(basePercent)}"
        return prefix + lines.map { mark + $0 }.joined(separator: "\\N")
    }

    static func header(style: CaptionStyle, width: Int, height: Int, extraStyles: [String] = []) -> String {
        let extra = extraStyles.map { $0 + "\n" }.joined()
        return """
        [Script Info]
        ; Generated by tiktok-ai
        Title: tiktok-ai captions
        ScriptType: v4.00+
        PlayResX: \(width)
        PlayResY: \(height)
        WrapStyle: 2
        ScaledBorderAndShadow: yes

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,\(CaptionText.fontName(style.fontFamily)),\(style.assFontSize),\(styleColor(style.primaryColor)),\(styleColor(style.highlightColor)),\(styleColor(style.outlineColor)),&H80000000,-1,0,0,0,100,100,0,0,1,\(format(style.outlineWidth)),\(format(style.shadowDepth)),2,\(style.marginLeft),\(style.marginRight),\(style.marginBottom),\(style.assEncoding)
        \(extra)
        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

        """
    }

    /// Seconds → whole centiseconds, rounded once so that two events meeting at one instant share the
    /// same written value.
    static func centiseconds(_ seconds: Double) -> Int {
        Int((max(0, seconds) * 100).rounded())
    }

    /// `H:MM:SS.cc`.
    static func timestamp(_ centiseconds: Int) -> String {
        let hours = centiseconds / 360_000
        let minutes = centiseconds / 6000 % 60
        let seconds = centiseconds / 100 % 60
        let hundredths = centiseconds % 100
        return "\(hours):\(twoDigits(minutes)):\(twoDigits(seconds)).\(twoDigits(hundredths))"
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Inline colour: `&HBBGGRR&`.
    static func color(_ color: RGBColor) -> String { "&H\(hex(color.blue))\(hex(color.green))\(hex(color.red))&" }

    /// Style colour: `&HAABBGGRR` with opaque alpha.
    static func styleColor(_ color: RGBColor) -> String { "&H00\(hex(color.blue))\(hex(color.green))\(hex(color.red))" }

    private static func hex(_ byte: UInt8) -> String {
        let text = String(byte, radix: 16, uppercase: true)
        return text.count == 1 ? "0" + text : text
    }

    private static func percent(_ scale: Double) -> Int { Int((scale * 100).rounded()) }

    private static func format(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
