import JobDocuments
import ProjectModel
import Providers

/// Fills scenes with sentences up to a word budget, never using a sentence twice in one plan.
///
/// Each scene draws first from its beat's own sentences, then from a plan-wide shuffled pool, picking
/// sentences that keep the scene within its share of the budget. Only when a very long plan has used
/// every fresh sentence does it restate an earlier one behind a different opener ("In other words: …"),
/// and it counts those so the planner can say so in a warning.
struct ScriptWriter {
    let topic: TopicPhrase
    var random: StableRandom
    private(set) var used: Set<String> = []
    /// Body sentences used so far, in order: what a restatement may repeat.
    private var history: [String] = []
    /// How often each sentence of `history` has been restated.
    private var restatedBases: [String: Int] = [:]
    private var shared: [String]
    private(set) var restatedCount = 0

    init(topic: TopicPhrase, random: StableRandom, sharedPool: [String]) {
        self.topic = topic
        self.random = random
        var pool = sharedPool
        self.random.shuffle(&pool)
        shared = pool.map { ScriptWriter.render($0, topic: topic) }
    }

    /// `template` with its placeholders filled: `{topic}`, `{Topic}` and the keys of `values`
    /// (unknown ones stay as written), first letter capitalised.
    static func render(_ template: String, topic: TopicPhrase, values: [String: String] = [:]) -> String {
        // One pass, no searching for each placeholder in turn: a plan renders hundreds of lines.
        let hasPlaceholder = template.utf8.withContiguousStorageIfAvailable { $0.contains(UInt8(ascii: "{")) }
            ?? template.contains("{")
        guard hasPlaceholder else { return TopicPhrase.capitalizeFirst(template) }
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            let value: String? = switch name {
            case "topic": topic.phrase
            case "Topic": topic.capitalized
            default: values[String(name)]
            }
            text += value ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return TopicPhrase.capitalizeFirst(text + rest)
    }

    func render(_ template: String, values: [String: String] = [:]) -> String {
        Self.render(template, topic: topic, values: values)
    }

    /// Spoken words in a sentence, cached: a long plan weighs the same candidates many times.
    private var wordCounts: [String: Int] = [:]

    mutating func words(_ sentence: String) -> Int {
        if let count = LibraryWordCounts.counts[sentence] ?? wordCounts[sentence] { return count }
        let count = SpeechText.wordCount(sentence)
        wordCounts[sentence] = count
        return count
    }

    mutating func markUsed(_ sentence: String) { used.insert(sentence) }

    /// The first of `options` (rendered) not used yet, marked used; falls back to the first option.
    mutating func firstUnused(_ options: [String], values: [String: String] = [:]) -> String {
        let rendered = options.map { render($0, values: values) }
        let chosen = rendered.first { !used.contains($0) } ?? rendered[0]
        used.insert(chosen)
        return chosen
    }

    /// The first of `options` (rendered) not used yet, marked used; nil when all are used.
    mutating func firstUnusedIfAny(_ options: [String], values: [String: String] = [:]) -> String? {
        for option in options {
            let rendered = render(option, values: values)
            if !used.contains(rendered) {
                used.insert(rendered)
                return rendered
            }
        }
        return nil
    }

    /// Sentences for one scene: `leads` first, then body sentences until about `target` words.
    /// `preferred` (the beat's own pool) is drawn before the shared pool; `extra` (a niche line or a
    /// keyword line) is placed right after the leads.
    /// Up to `preferredCount` of the beat's own sentences come first (a beat spread over several scenes
    /// shares its pool among them).
    mutating func fill(leads: [String], extra: [String], preferred: [String], preferredCount: Int = 2, target: Int) -> [String] {
        var sentences: [String] = []
        var count = 0
        for lead in leads + extra {
            sentences.append(lead)
            used.insert(lead)
            count += words(lead)
        }
        let low = Int((Double(target) * 0.9).rounded())
        let high = Int((Double(target) * 1.12).rounded())
        var own = preferred.map { render($0) }
        random.shuffle(&own)
        while count < low {
            let ownFresh = own.filter { !used.contains($0) }
            let fresh = Array(ownFresh.prefix(preferredCount)) + shared.filter { !used.contains($0) } + ownFresh.dropFirst(preferredCount)
            let sizes = fresh.map { words($0) }
            var pick = fresh.indices.first { count + sizes[$0] <= high }.map { fresh[$0] }
            if pick == nil {
                if count >= Int(Double(target) * 0.82) { break }
                pick = fresh.indices.min { abs(count + sizes[$0] - target) < abs(count + sizes[$1] - target) }.map { fresh[$0] }
            }
            let isFresh = pick != nil
            if pick == nil { pick = restatement(room: high - count) }
            guard let sentence = pick else { break }
            sentences.append(sentence)
            used.insert(sentence)
            if isFresh { history.append(sentence) }
            count += words(sentence)
        }
        return sentences
    }

    /// An earlier sentence behind an opener it has not had yet, preferring one that fits `room` words.
    private mutating func restatement(room: Int) -> String? {
        guard !history.isEmpty else { return nil }
        // The least restated sentences that fit, so one line is not said three times.
        var fitting = history.filter { words($0) + 3 <= max(room, 8) }
        if fitting.isEmpty { fitting = history }
        let fewest = fitting.map { restatedBases[$0, default: 0] }.min() ?? 0
        let bases = fitting.filter { restatedBases[$0, default: 0] == fewest }
        var openers = ScriptLibrary.restatements
        random.shuffle(&openers)
        for _ in 0..<bases.count {
            let base = bases[random.below(bases.count)]
            for opener in openers {
                let core = Self.droppingConjunction(base)
                let text = opener + (opener.hasSuffix(", ") ? Self.lowercasingFirstWord(core) : core)
                if !used.contains(text) {
                    restatedBases[base, default: 0] += 1
                    restatedCount += 1
                    return text
                }
            }
        }
        return nil
    }

    /// "And I'm glad…" → "I'm glad…": a restated line should not open with a joining word.
    static func droppingConjunction(_ sentence: String) -> String {
        for conjunction in ["And ", "So ", "But "] where sentence.hasPrefix(conjunction) {
            let rest = sentence.dropFirst(conjunction.count)
            return rest.prefix(1).uppercased() + rest.dropFirst()
        }
        return sentence
    }

    /// "The answer…" → "the answer…", but "I", "I'm" and acronyms stay as they are.
    static func lowercasingFirstWord(_ sentence: String) -> String {
        let first = sentence.prefix { $0 != " " }
        if first == "I" || first.hasPrefix("I'") || first.count > 1 && first.dropFirst().first?.isUppercase == true {
            return sentence
        }
        return sentence.prefix(1).lowercased() + sentence.dropFirst()
    }
}
