/// Shortens a topic or a sentence to a few words for the screen, at a phrase boundary.
///
/// Taking the first five words cut "The lighthouse keeper who kept hearing knocks at night" to
/// "THE LIGHTHOUSE KEEPER WHO KEPT". A label should instead stop where a phrase ends: before a word
/// that opens a clause ("who", "that", "when") or a phrase ("of", "in", "with"), or at a colon, and it
/// never ends on a function word ("… OF"). The attempts, in order (the first that works wins):
///
/// 1. Words that fit are kept as they are.
/// 2. A first clause that fits: "Napoleon's last battle | : what really happened …".
/// 3. The head: the longest run ending at a boundary that says something (two words that are not
///    function words), stopping before the first clause when it can: "the lighthouse keeper | who
///    kept …", "what happens to your body | when …", else running on: "things that go bump | in …".
///    A cut before "and" is a last resort: "the surprisingly long | and winding …" says little.
/// 4. What a "… of" is about, when it fits: "the mystery of | the Mary Celeste ghost ship".
/// 5. The head again, now also before "and": "why cats sleep all day | and hunt at night".
/// 6. The head without the words that only ask: "How to | make the perfect cup | of coffee",
///    "Why | you should never skip breakfast". ("What", "can", "do" stay: without them a question
///    becomes a claim.)
/// 7. Any boundary at all: "what would happen | if the moon …".
/// 8. The first four words, with the function words at their end dropped.
///
/// Words keep their punctuation here, since a colon or a question mark is a boundary; callers strip
/// what they do not show.
enum PhraseCut {
    /// Words that open a clause. A label stops before the first of them when it can: what follows
    /// ("who kept hearing knocks") only makes sense whole.
    static let clauseWords: Set<String> = [
        "who", "whom", "whose", "that", "which", "when", "where", "while", "because", "why", "how", "what",
        "if", "although", "though", "unless", "until", "whether",
        // A pronoun after a noun opens a clause too: "facts | nobody tells you", "things | I wish I knew".
        "i", "you", "we", "they", "nobody", "everyone", "everybody", "someone",
    ]

    /// Words that open a phrase: prepositions. Particles that finish a verb ("took over", "gave up")
    /// are left out on purpose.
    static let phraseWords: Set<String> = [
        "in", "on", "at", "for", "of", "to", "from", "with", "without", "about", "around", "during", "after",
        "before", "since", "across", "through", "into", "inside", "behind", "under", "between", "among",
        "against", "near", "beyond", "within", "like", "than", "vs", "versus", "by",
    ]

    /// Joining words: a boundary, but often between two halves of one phrase ("long and winding").
    static let joiningWords: Set<String> = ["and", "or", "but"]

    /// Marks that end a clause when a word ends with them.
    private static let clauseEnds: Set<Character> = [":", ";", "?", "!", "."]

    /// At most `limit` of `words`, cut as described above.
    static func label(_ words: [String], limit: Int) -> [String] {
        if words.count <= limit { return words }
        let attempts: [() -> [String]?] = [
            { firstClause(words, limit: limit) },
            { head(words, limit: limit, beforeJoining: false) },
            { afterOf(words, limit: limit) },
            { head(words, limit: limit, beforeJoining: true) },
            { withoutAsking(words, limit: limit) },
            { cuts(words, upTo: limit, beforeJoining: true).last.map { Array(words[..<$0]) } },
        ]
        for attempt in attempts {
            if let label = attempt() { return label }
        }
        var chosen = Array(words.prefix(min(limit, 4)))
        while chosen.count > 1, let last = chosen.last, isFunctionWord(last) { chosen.removeLast() }
        return chosen
    }

    /// Attempt 2: the words before the first colon, semicolon or question mark, if they fit.
    private static func firstClause(_ words: [String], limit: Int) -> [String]? {
        guard let end = (1...limit).first(where: { endsClause(words, before: $0) }), endsCleanly(words, at: end) else {
            return nil
        }
        return Array(words[..<end])
    }

    /// Attempts 3 and 5: the longest run that ends at a boundary and says something, before the
    /// first clause when that is possible.
    private static func head(_ words: [String], limit: Int, beforeJoining: Bool) -> [String]? {
        let saysSomething = { (cut: Int) in words[..<cut].filter { !isFunctionWord($0) }.count >= 2 }
        let firstClause = (1..<words.count).first { clauseWords.contains(bare(words[$0])) } ?? words.count
        let cut = cuts(words, upTo: min(limit, firstClause), beforeJoining: beforeJoining).last(where: saysSomething)
            ?? cuts(words, upTo: limit, beforeJoining: beforeJoining).last(where: saysSomething)
        return cut.map { Array(words[..<$0]) }
    }

    /// Attempt 4: what follows the first "of" or "about" whose rest fits and says something.
    private static func afterOf(_ words: [String], limit: Int) -> [String]? {
        let start = (1..<words.count).first { index in
            let rest = words[(index + 1)...]
            return ["of", "about"].contains(bare(words[index])) && rest.count <= limit
                && rest.filter { !isFunctionWord($0) }.count >= 2
        }
        return start.map { Array(words[($0 + 1)...]) }
    }

    /// Attempt 6: the words after a leading article or "how"/"why" (with the "to" or "do" after it),
    /// whole if they fit, else their head.
    private static func withoutAsking(_ words: [String], limit: Int) -> [String]? {
        var asking = 0
        if ["the", "a", "an", "how", "why"].contains(bare(words[0])) { asking = 1 }
        if asking == 1, ["how", "why"].contains(bare(words[0])), ["to", "do", "does", "did"].contains(bare(words[1])) {
            asking = 2
        }
        let rest = Array(words.dropFirst(asking))
        guard asking > 0, rest.count >= 2 else { return nil }
        if rest.count <= limit { return rest }
        return head(rest, limit: limit, beforeJoining: true)
    }

    /// The places, up to `limit` words in, where a label may end: before a clause or phrase word (or
    /// a joining word, when allowed), or after a punctuation mark, and never right after a function word.
    private static func cuts(_ words: [String], upTo limit: Int, beforeJoining: Bool) -> [Int] {
        guard limit >= 1 else { return [] }
        return (1...min(limit, words.count)).filter { cut in
            let next = cut < words.count ? bare(words[cut]) : ""
            let boundary = cut == words.count
                || endsClause(words, before: cut)
                || words[cut - 1].hasSuffix(",")
                || clauseWords.contains(next)
                || phraseWords.contains(next)
                || beforeJoining && joiningWords.contains(next)
            return boundary && endsCleanly(words, at: cut)
        }
    }

    /// The word before `cut` ends a clause: "battle:", "bad?", or the next word opens a bracket.
    private static func endsClause(_ words: [String], before cut: Int) -> Bool {
        if let mark = words[cut - 1].last, clauseEnds.contains(mark) { return true }
        return cut < words.count && words[cut].first == "("
    }

    /// A label ending before `cut` does not end on a function word ("THE KEEPER OF").
    private static func endsCleanly(_ words: [String], at cut: Int) -> Bool { !isFunctionWord(words[cut - 1]) }

    private static func isFunctionWord(_ word: String) -> Bool { TopicPhrase.functionWords.contains(bare(word)) }

    /// A word as the word lists spell it: lower-case, without surrounding punctuation.
    static func bare(_ word: String) -> String {
        let isWordCharacter = { (character: Character) in character.isLetter || character.isNumber }
        guard let first = word.firstIndex(where: isWordCharacter), let last = word.lastIndex(where: isWordCharacter) else {
            return ""
        }
        return word[first...last].lowercased()
    }
}
