/// Where words take a space between them: everywhere but between two words of a script written
/// without spaces (Chinese, Japanese, Thai, …) or next to full-width punctuation.
public enum WordSpacing {
    /// `" "` or `""`: what goes between `left` and `right` on a line.
    public static func separator(between left: String, and right: String) -> String {
        // The base of the last character: a Thai word may end in a mark (ยักษ์), which has no script.
        guard let last = left.last?.unicodeScalars.first, let first = right.unicodeScalars.first else { return " " }
        return unspaced(last) && unspaced(first) ? "" : " "
    }

    /// Words joined into one line of text.
    public static func join(_ words: [String]) -> String {
        var line = ""
        for word in words {
            if !line.isEmpty { line += separator(between: line, and: word) }
            line += word
        }
        return line
    }

    /// The words of `text`: its space-separated words, and within a run of a script written without
    /// spaces the words ``WordSegmenter`` finds.
    public static func words(_ text: String) -> [String] {
        WordSegmenter.spacedWords(in: text.split(whereSeparator: \.isWhitespace).joined(separator: " ")).map(\.text)
    }

    /// Whether a character of this scalar takes no space next to another such: a letter of a
    /// script written without spaces, or CJK punctuation.
    public static func unspaced(_ scalar: Unicode.Scalar) -> Bool {
        if (0x3000...0x303F).contains(scalar.value) || (0xFF00...0xFF65).contains(scalar.value) { return true }
        return Script.of(scalar)?.writesWithoutSpaces == true
    }
}
