/// Word text as it may appear inside an ASS Dialogue line.
///
/// Word text comes from speech engines and user scripts, so it is treated as untrusted: `{` and `}`
/// would open override tags (`{\pos(…)}`, `{\p1}` drawings), and a backslash followed by `N`, `n` or
/// `h` is a line break or hard space even outside braces.
enum CaptionText {
    /// Removes control characters and line separators, collapses whitespace, optionally upper-cases.
    static func clean(_ text: String, uppercase: Bool) -> String {
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
        if uppercase { cleaned = cleaned.uppercased() }
        return cleaned
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
        let closers: Set<Character> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "\u{00BB}"]
        guard let last = word.reversed().first(where: { !closers.contains($0) }) else { return false }
        return ".!?\u{2026},;:\u{2014}\u{2013}".contains(last)
    }
}
