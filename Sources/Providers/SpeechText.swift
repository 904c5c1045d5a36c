import Languages

/// The one text normalisation shared by speech, word timings and captions.
///
/// Markup an LLM or a person leaves in a script (`*bold*`, `_em_`, `# heading`, `~~strike~~`, `---`) is
/// not spoken, so a caption built from the raw text would not match the audio; peers broke exactly there
/// (MoneyPrinterTurbo#954: all-zero subtitle timestamps). The synthesizer speaks the normalised text and
/// returns its words, so captions show exactly what was said.
public enum SpeechText {
    /// Characters that are formatting, not speech: replaced by a space.
    static let markup: Set<Unicode.Scalar> = ["*", "_", "#", "~", "`", "^", "|", "<", ">", "[", "]", "{", "}", "\\"]

    /// Collapses whitespace, removes markup characters, and drops tokens made only of punctuation
    /// (a lone dash or ellipsis becomes a comma on the word before it, keeping the pause).
    public static func normalize(_ text: String) -> String {
        var cleaned = String.UnicodeScalarView()
        cleaned.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if markup.contains(scalar) || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control {
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var tokens: [String] = []
        for token in String(cleaned).split(separator: " ", omittingEmptySubsequences: true) {
            if token.unicodeScalars.allSatisfy(isPunctuation) {
                // Not a word: "science *." leaves "." and "word — word" leaves "—". Keep the pause it
                // marks on the word before (a full stop stays a full stop, a dash becomes a comma).
                if let last = tokens.last, let final = last.unicodeScalars.last, !isPunctuation(final) {
                    tokens[tokens.count - 1] = last + pauseMark(token)
                }
                continue
            }
            tokens.append(String(token))
        }
        return tokens.joined(separator: " ")
    }

    /// The words of an already normalised text: its space-separated tokens, and within a token of a
    /// script written without spaces (Chinese, Japanese, Thai, …) the words ``WordSegmenter`` finds.
    public static func words(ofNormalized text: String) -> [String] {
        tokens(ofNormalized: text).map(\.text)
    }

    /// One word of a normalised text and where it starts, counted in Unicode scalars (as espeak-ng
    /// counts the positions of its events).
    public struct Token: Sendable, Hashable {
        public var text: String
        public var scalarOffset: Int
        public var scalarCount: Int { text.unicodeScalars.count }
    }

    /// The words of an already normalised text with their positions (see ``words(ofNormalized:)``).
    public static func tokens(ofNormalized text: String) -> [Token] {
        WordSegmenter.spacedWords(in: text).map { Token(text: $0.text, scalarOffset: $0.scalarOffset) }
    }

    /// The number of words the voice will speak for `text`.
    public static func wordCount(_ text: String) -> Int { words(ofNormalized: normalize(text)).count }

    /// The punctuation a punctuation-only token leaves on the previous word.
    private static func pauseMark(_ token: Substring) -> String {
        if token == "..." || token == "…" { return "," }
        if let mark = token.last(where: { ".!?".contains($0) }) { return String(mark) }
        if let mark = token.last(where: { ",;:".contains($0) }) { return String(mark) }
        return ","
    }

    /// Punctuation espeak-ng reads aloud ("50 %" → "fifty percent"), so a token of these is a word.
    static let spokenSymbols: Set<Unicode.Scalar> = ["%", "&", "@"]

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        if spokenSymbols.contains(scalar) { return false }
        return switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            true
        default:
            false
        }
    }
}
