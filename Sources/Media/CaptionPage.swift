import JobDocuments
import Languages
import ProjectModel

/// A few consecutive words shown together on screen, on one line (or two, if the style allows).
///
/// Pages never span a scene change, a sentence or clause end, or a pause longer than
/// ``CaptionPage/maximumPause``: a caption must not show words the viewer has not reached yet across
/// a visual cut or a breath.
struct CaptionPage: Sendable, Hashable {
    /// The words, with display text already cleaned (see ``CaptionText``).
    var words: [TimedWord]
    /// Word indices per line.
    var lines: [[Int]]
    /// Scale applied to the whole page when one word alone is wider than a line (1 = none).
    var scale: Double

    /// A pause longer than this starts a new page.
    static let maximumPause = 0.6

    /// Splits timed words into pages for `style` on a frame `width` pixels wide.
    static func paginate(_ words: [TimedWord], style: CaptionStyle, width: Int) -> [CaptionPage] {
        let layout = LineLayout(style: style, width: width)
        var pages: [CaptionPage] = []
        var current: [TimedWord] = []

        func close() {
            guard !current.isEmpty else { return }
            pages.append(layout.page(for: current))
            current = []
        }

        for word in words {
            if let previous = current.last {
                let breaks = word.scene != previous.scene
                    || CaptionText.endsPhrase(previous.text)
                    || word.start - previous.end > maximumPause
                    || current.count >= style.maxWordsPerLine
                    || layout.lines(for: current + [word]).count > style.maxLines
                if breaks { close() }
            }
            current.append(word)
        }
        close()
        return pages
    }
}

/// Estimates rendered widths and breaks a page's words into lines.
///
/// Widths are rough (characters × font size × an average advance), which is enough to keep lines inside
/// the margins because the ASS file disables libass's own wrapping (`WrapStyle: 2`).
struct LineLayout: Sendable {
    var style: CaptionStyle
    /// Usable line width in pixels.
    var available: Double

    init(style: CaptionStyle, width: Int) {
        self.style = style
        self.available = Double(max(1, width - style.marginLeft - style.marginRight))
    }

    /// Estimated width of `text` at the page's base size, in pixels.
    func width(of text: String) -> Double {
        Self.ems(of: text, style: style) * Double(style.fontSize)
    }

    /// Estimated width of `text` in ems, by character class. Captions and overlays measure every
    /// candidate line break, so plain ASCII (nearly every caption) takes a path over bytes; anything
    /// else is measured by characters, which gives the same widths.
    static func ems(of text: String, style: CaptionStyle) -> Double {
        let average = style.averageAdvance
        var ems = 0.0
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: " "): ems += style.spaceAdvance
                case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"), UInt8(ascii: "'"),
                     UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: "`"), UInt8(ascii: "\""):
                    ems += average * 0.45
                case UInt8(ascii: "M"), UInt8(ascii: "W"), UInt8(ascii: "@"), UInt8(ascii: "%"): ems += average * 1.45
                case UInt8(ascii: "I"), UInt8(ascii: "J"), UInt8(ascii: "1"), UInt8(ascii: "i"), UInt8(ascii: "l"): ems += average * 0.55
                case UInt8(ascii: "a")...UInt8(ascii: "z"): ems += average * 0.82
                default: ems += average
                }
            }
            return ems
        }
        for character in text {
            if let advance = nonLatinAdvance(character) {
                ems += advance
            } else if character == " " {
                ems += style.spaceAdvance
            } else if ".,:;'!|`\"".contains(character) {
                ems += average * 0.45
            } else if "MW@%".contains(character) {
                ems += average * 1.45
            } else if "IJ1il".contains(character) {
                ems += average * 0.55
            } else if character.isLowercase {
                ems += average * 0.82
            } else {
                ems += average
            }
        }
        return ems
    }

    /// The advance in ems of one character (a grapheme cluster, marks included) of a script the
    /// Latin classes above do not describe, as Noto draws it in bold; nil for Latin, Cyrillic, Greek
    /// and the shared characters. East Asian wide characters are a full em.
    static func nonLatinAdvance(_ character: Character) -> Double? {
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x0590 else { return nil }
        if CaptionText.isWide(scalar) { return 1 }
        switch Script.of(scalar) {
        case .arabic?: return 0.5
        case .hebrew?: return 0.62
        case .thai?, .lao?, .khmer?, .myanmar?: return 0.62
        case .devanagari?, .bengali?, .gurmukhi?, .gujarati?, .oriya?, .tamil?, .telugu?, .kannada?, .malayalam?,
             .sinhala?: return 0.7
        case .georgian?, .armenian?, .ethiopic?: return 0.68
        default: return nil
        }
    }

    /// Width of a line of words, leaving room for the widest word to be drawn highlighted.
    func width(ofLine words: [String]) -> Double {
        let widths = words.map { width(of: $0) }
        let spaces = Double(zip(words, words.dropFirst()).filter { WordSpacing.separator(between: $0, and: $1) == " " }.count)
            * style.spaceAdvance * Double(style.fontSize)
        return widths.reduce(0, +) + spaces + (style.highlightScale - 1) * (widths.max() ?? 0)
    }

    /// Whether `words` can share one line: by their estimated width, and by display columns (a
    /// Chinese character takes two), never by characters.
    func fits(_ words: [String]) -> Bool {
        words.count <= 1
            || (words.count <= style.maxWordsPerLine
                && CaptionText.columns(WordSpacing.join(words)) <= style.maxCharactersPerLine
                && width(ofLine: words) <= available)
    }

    /// Greedy line filling; when that gives two lines, the split that makes the wider line narrowest.
    func lines(for words: [TimedWord]) -> [[Int]] {
        let texts = words.map(\.text)
        var lines: [[Int]] = []
        var line: [Int] = []
        for index in texts.indices {
            if !fits((line + [index]).map { texts[$0] }) {
                lines.append(line)
                line = []
            }
            line.append(index)
        }
        if !line.isEmpty { lines.append(line) }
        guard lines.count == 2 else { return lines }
        let splits = (1..<texts.count).filter { fits(Array(texts[..<$0])) && fits(Array(texts[$0...])) }
        guard let best = splits.min(by: { widest(texts, splitAt: $0) < widest(texts, splitAt: $1) }) else { return lines }
        return [Array(0..<best), Array(best..<texts.count)]
    }

    private func widest(_ texts: [String], splitAt split: Int) -> Double {
        max(width(ofLine: Array(texts[..<split])), width(ofLine: Array(texts[split...])))
    }

    func page(for words: [TimedWord]) -> CaptionPage {
        let lines = lines(for: words)
        let widest = lines.map { width(ofLine: $0.map { words[$0].text }) }.max() ?? 0
        let scale = widest > available ? max(0.5, available / widest) : 1
        return CaptionPage(words: words, lines: lines, scale: scale)
    }
}
