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
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }

    /// An upper-case on-screen version of the topic, 2–5 words; `oneWord` dresses up a one-word topic
    /// ("OCTOPUSES" → "OCTOPUSES EXPLAINED").
    func onScreen(oneWord: (String) -> String) -> String {
        var words = phrase.split(separator: " ").map { String($0).filter { !"\"“”.,;:!".contains($0) } }.filter { !$0.isEmpty }
        if words.count > 5 {
            words = Array(words.prefix(5))
            while words.count > 2, let last = words.last, Self.functionWords.contains(last.lowercased()) { words.removeLast() }
        }
        if words.isEmpty { return "WATCH THIS" }
        if words.count == 1 { return oneWord(words[0].uppercased()) }
        return words.joined(separator: " ").uppercased()
    }
}
