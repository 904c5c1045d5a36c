import JobDocuments
import ProjectModel
import Providers

/// A project's topic in the forms narration needs: mid-sentence, sentence-start and on-screen.
///
/// Template sentences put the topic inside other words ("What if everything you knew about … was
/// wrong?"), so it must read naturally there: trailing punctuation goes, a leading function word is
/// lower-cased ("Why octopuses…" → "…about why octopuses…"), and a long topic is cut to its first clause.
/// Proper nouns are left alone: only words known to be function words are lower-cased.
struct TopicPhrase {
    /// The topic as given, whitespace collapsed.
    let full: String
    /// The form used inside sentences.
    let phrase: String

    static let functionWords: Set<String> = [
        "a", "an", "the", "why", "how", "what", "when", "where", "who", "which", "whose", "is", "are", "was", "were",
        "do", "does", "did", "can", "could", "should", "would", "will", "this", "these", "those", "that", "my", "our",
        "your", "their", "its", "his", "her", "in", "on", "at", "for", "of", "to", "from", "with", "about", "every",
        "all", "some", "most", "top", "best", "if", "and", "or", "but", "inside", "behind", "under", "over", "into",
    ]

    /// Prefixes a person types that are instructions, not the subject ("A video about …").
    static let instructionPrefixes = [
        "a video about ", "a video on ", "video about ", "a tiktok about ", "a short about ", "a short video about ",
        "make a video about ", "tell me about ", "explain ", "talk about ",
    ]

    init(_ topic: String) {
        let collapsed = topic.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        full = collapsed
        var text = collapsed
        for prefix in Self.instructionPrefixes where text.lowercased().hasPrefix(prefix) && text.count > prefix.count + 2 {
            text = String(text.dropFirst(prefix.count))
            break
        }
        var words = text.split(separator: " ").map(String.init)
        if words.count > 10 {
            // The first clause, if it is a reasonable length; else the first eight words.
            let separators: [Character] = [":", ";", ",", "(", "—", "–"]
            if let cut = text.firstIndex(where: { separators.contains($0) }) {
                let clause = text[..<cut].split(separator: " ").map(String.init)
                if clause.count >= 2 && clause.count <= 10 { words = clause }
            }
            if words.count > 10 {
                // Cut before a joining word ("… paperclip | in offices around …") so the phrase ends whole.
                let joining: Set<String> = ["in", "on", "at", "for", "of", "to", "from", "with", "about", "around", "during",
                                            "after", "before", "since", "and", "or", "but", "that", "which", "who",
                                            "when", "where", "while", "because", "across", "through"]
                if let cut = (3...10).reversed().first(where: { index in
                    joining.contains(words[index].lowercased()) && !Self.functionWords.contains(words[index - 1].lowercased())
                }) {
                    words = Array(words.prefix(cut))
                } else {
                    words = Array(words.prefix(8))
                    while words.count > 2, let last = words.last, Self.functionWords.contains(last.lowercased()) {
                        words.removeLast()
                    }
                }
            }
        }
        var phrase = words.joined(separator: " ")
        while let last = phrase.last, ".!?,;:".contains(last) { phrase.removeLast() }
        if let first = words.first, Self.functionWords.contains(first.lowercased()), first.first?.isUppercase == true,
           first.dropFirst().allSatisfy({ !$0.isUppercase }) {
            phrase = first.prefix(1).lowercased() + phrase.dropFirst()
        }
        // Markup is not spoken (SpeechText): keep the narration identical to what the voice will say.
        phrase = SpeechText.normalize(phrase)
        while let last = phrase.last, ".!?,;:".contains(last) { phrase.removeLast() }
        self.phrase = phrase.isEmpty ? "this topic" : phrase
    }

    /// The phrase at the start of a sentence.
    var capitalized: String { Self.capitalizeFirst(phrase) }

    var wordCount: Int { phrase.split(separator: " ").count }

    static func capitalizeFirst(_ text: String) -> String {
        guard let first = text.first, !first.isUppercase else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// The topic cut at a phrase boundary to at most five words (``PhraseCut``), for what must be
    /// short: the on-screen label, and a hook that has to be said within five seconds.
    /// "the lighthouse keeper who kept hearing knocks at night" → "the lighthouse keeper".
    var short: TopicPhrase {
        let words = phrase.split(separator: " ").map(String.init).filter { $0.contains { $0.isLetter || $0.isNumber } }
        var cut = PhraseCut.label(words, limit: 5).joined(separator: " ")
        // Marks inside stay ("black holes: what happens inside"); the one the cut left at the end goes.
        while let last = cut.last, ".,;:!?".contains(last) { cut.removeLast() }
        return TopicPhrase(full: full, phrase: cut.isEmpty ? phrase : cut)
    }

    private init(full: String, phrase: String) {
        self.full = full
        self.phrase = phrase
    }

    /// An upper-case on-screen version of the topic, 2–5 words, shortened at a phrase boundary
    /// (``short``); `oneWord` dresses up a one-word label ("OCTOPUSES" → "OCTOPUSES EXPLAINED").
    func onScreen(oneWord: (String) -> String) -> String {
        let label = short.phrase.filter { !"\"“”".contains($0) }
        if !label.contains(where: { $0.isLetter || $0.isNumber }) { return "WATCH THIS" }
        if !label.contains(" ") { return oneWord(label.uppercased()) }
        return label.uppercased()
    }
}
