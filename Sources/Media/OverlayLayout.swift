import Foundation
import Languages
import ProjectModel

/// Where and how the title card and the labels are drawn, in frame pixels.
///
/// Both live in the top third, clear of TikTok's top 10 % (status bar, the Following/For You tabs) and
/// inside the captions' side margins (16 %, clear of the right-hand button column); the word captions
/// sit above the bottom 27 %, so the two never meet. A label is one boxed line in the pack's caption
/// colour; the title sits under the label slot, shrunk until it fits in at most four lines, with lines
/// balanced rather than filled greedily.
struct OverlayLayout: Sendable {
    var style: CaptionStyle
    var width: Int
    var height: Int

    private var unit: Double { Double(width) / 1080 }

    /// The label's em size and the padding of its box (ASS outline of a `BorderStyle 3` box).
    var labelFontSize: Int { Int((52 * unit).rounded()) }
    var labelPadding: Int { max(2, Int((14 * unit).rounded())) }
    /// Top of the label's text: its box starts `labelPadding` above, just under the top 10 %.
    var labelTop: Int { Int((0.1 * Double(height)).rounded(.up)) + labelPadding + Int((6 * unit).rounded()) }
    var labelBottom: Int { labelTop + lineHeight(em: labelFontSize) + labelPadding }

    var titleOutline: Double { max(2, (8 * unit).rounded()) }
    var titleShadow: Double { max(1, (4 * unit).rounded()) }
    var titleTop: Int { labelBottom + Int((24 * unit).rounded()) + Int(titleOutline) }
    /// The title's block ends above this line: the top third of the frame.
    var titleLimit: Int { Int(Double(height) / 3) }
    var titleSizes: (largest: Int, smallest: Int) { (Int((96 * unit).rounded()), Int((48 * unit).rounded())) }
    static let titleMaxLines = 4

    /// Usable line width between the side margins.
    var available: Double { Double(max(1, width - style.marginLeft - style.marginRight)) }

    /// Height libass gives one line at an em size.
    func lineHeight(em: Int) -> Int { Int((Double(em) * style.fontHeightRatio).rounded(.up)) }

    /// A laid-out block of text: lines and the em size they are drawn at.
    struct Block: Sendable, Hashable {
        var lines: [String]
        var fontSize: Int
    }

    /// The title: the largest size at which the words fit the width in at most four balanced lines and
    /// the block ends above ``titleLimit``.
    func title(_ text: String) -> Block {
        let words = Self.words(text)
        var size = titleSizes.largest
        while true {
            let lines = balancedLines(words, em: size, maxLines: Self.titleMaxLines)
            let bottom = titleTop + (lines?.count ?? Self.titleMaxLines) * lineHeight(em: size) + Int(titleOutline + titleShadow)
            if let lines, bottom <= titleLimit { return Block(lines: lines, fontSize: size) }
            if size <= titleSizes.smallest {
                return Block(lines: lines ?? balancedLines(words, em: size, maxLines: words.count) ?? [text], fontSize: size)
            }
            size -= max(1, Int((4 * unit).rounded()))
        }
    }

    /// A label: one line, shrunk to fit the width (to two thirds of its size), else two balanced lines.
    func label(_ text: String) -> Block {
        let words = Self.words(text)
        let full = labelFontSize
        let natural = measure(text, em: full)
        if natural <= available { return Block(lines: [text], fontSize: full) }
        let shrunk = Int(Double(full) * available / natural)
        if shrunk * 3 >= full * 2 { return Block(lines: [text], fontSize: shrunk) }
        let lines = balancedLines(words, em: full, maxLines: 2) ?? [text]
        let widest = lines.map { measure($0, em: full) }.max() ?? available
        return Block(lines: lines, fontSize: widest > available ? Int(Double(full) * available / widest) : full)
    }

    /// Estimated width of `text` at an em size (the caption layout's character widths).
    func measure(_ text: String, em: Int) -> Double {
        LineLayout.ems(of: text, style: style) * Double(em)
    }

    /// The fewest lines (up to `maxLines`) in which every line fits, split so the widest line is as
    /// narrow as possible; nil when even `maxLines` lines do not fit.
    func balancedLines(_ words: [String], em: Int, maxLines: Int) -> [String]? {
        let count = words.count
        guard count > 0 else { return [] }
        func text(_ range: Range<Int>) -> String { WordSpacing.join(Array(words[range])) }
        var widths: [Range<Int>: Double] = [:]
        func width(_ range: Range<Int>) -> Double {
            if let known = widths[range] { return known }
            let value = measure(text(range), em: em)
            widths[range] = value
            return value
        }
        // The narrowest widest line for words[start...] in exactly `lines` lines, and where lines end.
        func solve(_ start: Int, _ lines: Int) -> (widest: Double, ends: [Int]) {
            if lines == 1 { return (width(start..<count), [count]) }
            var best = (widest: Double.infinity, ends: [Int]())
            for end in (start + 1)...(count - lines + 1) {
                let first = width(start..<end)
                guard first < best.widest else { continue }
                let rest = solve(end, lines - 1)
                let widest = max(first, rest.widest)
                if widest < best.widest { best = (widest, [end] + rest.ends) }
            }
            return best
        }
        for lines in 1...max(1, min(maxLines, count)) {
            let solution = solve(0, lines)
            guard solution.widest <= available else { continue }
            var start = 0
            return solution.ends.map { end in
                defer { start = end }
                return text(start..<end)
            }
        }
        return nil
    }

    /// The words a title or label may break between (``WordSpacing/words(_:)``: so 章鱼有三颗心脏
    /// breaks at a word, not inside one).
    static func words(_ text: String) -> [String] { WordSpacing.words(text) }

    /// The title style and the label style, as `[V4+ Styles]` lines.
    var styleLines: [String] {
        let font = CaptionText.fontName(style.fontFamily)
        let white = ASSCaptionWriter.styleColor(RGBColor(red: 255, green: 255, blue: 255))
        let black = ASSCaptionWriter.styleColor(RGBColor(red: 0, green: 0, blue: 0))
        let box = style.primaryColor
        let text = Self.contrasting(box)
        let titleSize = Int((Double(titleSizes.largest) * style.fontHeightRatio).rounded())
        let labelSize = Int((Double(labelFontSize) * style.fontHeightRatio).rounded())
        return [
            "Style: Title,\(font),\(titleSize),\(white),\(white),\(black),&H80000000,-1,0,0,0,100,100,0,0,1,"
                + "\(format(titleOutline)),\(format(titleShadow)),8,\(style.marginLeft),\(style.marginRight),\(titleTop),\(style.assEncoding)",
            "Style: Label,\(font),\(labelSize),\(ASSCaptionWriter.styleColor(text)),\(ASSCaptionWriter.styleColor(text)),"
                + "\(ASSCaptionWriter.styleColor(box)),&H00000000,-1,0,0,0,100,100,0,0,3,\(labelPadding),0,8,"
                + "\(style.marginLeft),\(style.marginRight),\(labelTop),\(style.assEncoding)",
        ]
    }

    /// Black on a light box, white on a dark one (relative luminance).
    static func contrasting(_ color: RGBColor) -> RGBColor {
        let luminance = 0.2126 * Double(color.red) + 0.7152 * Double(color.green) + 0.0722 * Double(color.blue)
        return luminance > 140 ? RGBColor(red: 0, green: 0, blue: 0) : RGBColor(red: 255, green: 255, blue: 255)
    }

    /// The `Dialogue` text of an overlay: position, size, the pop-in animation, and the lines.
    func eventText(_ overlay: TextOverlay) -> (style: String, layer: Int, text: String) {
        let centre = style.marginLeft + Int(available / 2)
        let upper = style.uppercase ? TextCasing.uppercased(overlay.text, language: style.language) : overlay.text
        // Each line in its faces, a right-to-left language's opening with U+200F (see ASSCaptionWriter).
        let mark = style.isRightToLeft ? "\u{200F}" : ""
        func lines(_ block: Block) -> String {
            block.lines.map { mark + style.fonts.assText($0, em: Double(block.fontSize), base: style.primaryFace) }
                .joined(separator: "\\N")
        }
        switch overlay.role {
        case .title:
            let block = title(upper)
            let size = Int((Double(block.fontSize) * style.fontHeightRatio).rounded())
            // Fade in while growing past full size, then settle: a quick "pop".
            let tags = "\\an8\\pos(\(centre),\(titleTop))\\fs\(size)\\fad(150,220)\\fscx80\\fscy80"
                + "\\t(0,170,\\fscx106\\fscy106)\\t(170,290,\\fscx100\\fscy100)"
            return ("Title", 2, "{\(tags)}" + lines(block))
        case .label:
            let block = label(upper)
            let size = Int((Double(block.fontSize) * style.fontHeightRatio).rounded())
            let tags = "\\an8\\pos(\(centre),\(labelTop))\\fs\(size)\\fad(120,160)\\fscx88\\fscy88\\t(0,180,\\fscx100\\fscy100)"
            return ("Label", 1, "{\(tags)}" + lines(block))
        }
    }

    /// The lowest pixel any overlay can reach (the title block's limit).
    var bottom: Int { titleLimit }

    private func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}
