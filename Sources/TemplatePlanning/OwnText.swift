import Languages
import Providers

/// On-screen text taken from a project's own words, for a language the script library does not
/// write: the title card and the labels of a German, Arabic or Chinese video must not carry a word
/// of English.
///
/// A cut stops where the first clause ends (a word ending in `,` `.` `!` `?` `:` `;`, or their
/// full-width forms `，` `。` `！` `？` `：` `；` `、`), and never runs past `limit` words. Words of a
/// script written without spaces are joined without them.
enum OwnText {
    /// The first clause of `text`, at most `limit` words, with the clause's closing mark removed.
    ///
    /// In a script written without spaces, a space is where a clause ends (Thai writes
    /// "ปลาหมึกยักษ์มีหัวใจสามดวง สองดวง…" with one between clauses).
    static func firstPhrase(_ text: String, limit: Int) -> String {
        let tokens = SpeechText.tokens(ofNormalized: SpeechText.normalize(text))
        var kept: [String] = []
        for (index, token) in tokens.enumerated() {
            kept.append(token.text)
            let spaceFollows = index + 1 < tokens.count && tokens[index + 1].scalarOffset > token.scalarOffset + token.scalarCount
            let unspacedWord = token.text.first?.unicodeScalars.first.map(WordSpacing.unspaced) ?? false
            if kept.count >= limit || endsClause(token.text) || (spaceFollows && unspacedWord) { break }
        }
        guard var last = kept.popLast() else { return "" }
        while let mark = last.last, closingMarks.contains(mark) { last.removeLast() }
        if !last.isEmpty { kept.append(last) }
        return WordSpacing.join(kept)
    }

    private static let closingMarks: Set<Character> = [",", ".", "!", "?", ":", ";", "，", "。", "！", "？", "：", "；", "、", "،", "؛", "؟", "।", "…"]

    private static func endsClause(_ word: String) -> Bool {
        word.last.map { closingMarks.contains($0) } ?? false
    }
}
