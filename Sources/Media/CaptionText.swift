import Languages

/// Word text as it may appear inside an ASS Dialogue line.
///
/// Word text comes from speech engines and user scripts, so it is treated as untrusted: `{` and `}`
/// would open override tags (`{\pos(…)}`, `{\p1}` drawings), and a backslash followed by `N`, `n` or
/// `h` is a line break or hard space even outside braces.
enum CaptionText {
    /// Removes control characters and line separators, collapses whitespace, optionally upper-cases
    /// by `language`'s rules (``TextCasing``: only scripts with case, Turkish `i` → `İ`).
    static func clean(_ text: String, uppercase: Bool, language: LanguageTag = .english) -> String {
        let scalars = text.unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator:
                return " "
            default:
                return scalar
            }
        }
        var cleaned = String(String.UnicodeScalarView(scalars))
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
        if uppercase { cleaned = TextCasing.uppercased(cleaned, language: language) }
        return cleaned
    }

    /// Display columns: two for an East Asian wide character (Han, kana, Hangul, full-width
    /// forms), none for a combining mark, one for anything else.
    static func columns(_ text: String) -> Int {
        text.reduce(0) { total, character in
            guard let scalar = character.unicodeScalars.first else { return total }
            return total + (isWide(scalar) ? 2 : 1)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x1100...0x115F).contains(value) || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value)
            || (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value) || (0xA960...0xA97F).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE30...0xFE4F).contains(value)
            || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// A family name as a style or `\fn` may carry it (no commas, which separate style fields).
    static func fontName(_ family: String) -> String {
        family.replacingOccurrences(of: ",", with: " ")
    }

    /// Escapes text for an ASS event: `{` → `\{`, `}` → `\}` (libass escapes), and a backslash is
    /// followed by U+2060 WORD JOINER (invisible) so that it can never start `\N`, `\n`, `\h`, `\{` or `\}`.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\u{2060}"
            case "{": escaped += "\\{"
            case "}": escaped += "\\}"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// True when a word ends a sentence or a clause (`.`, `!`, `?`, `…`, `,`, `;`, `:`, dashes), ignoring
    /// closing quotes and brackets.
    static func endsPhrase(_ word: String) -> Bool {
        let closers: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}", "\u{300D}", "\u{300F}", "\u{FF09}"]
        guard let last = word.reversed().first(where: { !closers.contains($0) }) else { return false }
        return ".!?\u{2026},;:\u{2014}\u{2013}\u{3001}\u{3002}\u{FF0C}\u{FF01}\u{FF1F}\u{FF1A}\u{FF1B}\u{060C}\u{061B}\u{061F}\u{0964}\u{0965}".contains(last)
    }
}
