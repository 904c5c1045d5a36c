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

    /// Spoken words in `sentences`, together.
    mutating func words(_ sentences: [String]) -> Int { sentences.reduce(0) { $0 + words($1) } }

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
    /// With `slack`, the scene lands within `slack` words of `target` and never past it (the plan's
    /// last words, where nothing comes after to make up a difference); without, within about 10 %.
    mutating func fill(leads: [String], extra: [String], preferred: [String], preferredCount: Int = 2, target: Int,
                       slack: Int? = nil) -> [String] {
        var sentences: [String] = []
        var count = 0
        for lead in leads + extra {
            sentences.append(lead)
            used.insert(lead)
            count += words(lead)
        }
        let low = slack.map { target - $0 } ?? Int((Double(target) * 0.9).rounded())
        let high = slack.map { target + $0 } ?? Int((Double(target) * 1.12).rounded())
        var own = preferred.map { render($0) }
        random.shuffle(&own)
        // Candidates in order: a few of the beat's own, the shared pool, the rest of the beat's own.
        let pools = [Array(own.prefix(preferredCount)), shared, Array(own.dropFirst(preferredCount))]
        while count < low {
            // The sentence that ends the scene is the one of the next few candidates that lands nearest
            // the target (always the first that fits would overshoot a little every scene, and the plan
            // a lot); until then, the first that fits.
            let scan = scanCandidates(pools, count: count, fits: high)
            let landing = scan.nextFew.filter { (low...high).contains(count + words($0)) }
            var pick = landing.min { abs(count + words($0) - target) < abs(count + words($1) - target) } ?? scan.firstFitting
            if pick == nil {
                if slack != nil {
                    // Nothing fresh fits the window: stop there, unless only restatements are left.
                    if scan.anyLeft { break }
                } else {
                    if count >= Int(Double(target) * 0.82) { break }
                    pick = scan.closest(to: target - count)
                }
            }
            let isFresh = pick != nil
            if pick == nil { pick = restatement(room: high - count) }
            guard let sentence = pick, slack == nil || count + words(sentence) <= high else { break }
            sentences.append(sentence)
            used.insert(sentence)
            if isFresh { history.append(sentence) }
            count += words(sentence)
        }
        return sentences
    }

    /// What the unused candidates of `pools` offer a scene at `count` words: the next few, the first
    /// that keeps it within `fits` words, and (when none does) the sizes of all of them.
    private struct Scan {
        var nextFew: [String] = []
        var firstFitting: String?
        var all: [(sentence: String, words: Int)] = []
        var anyLeft: Bool { !nextFew.isEmpty }

        func closest(to words: Int) -> String? { all.min { abs($0.words - words) < abs($1.words - words) }?.sentence }
    }

    /// A plain loop, stopping as soon as it has what a pick needs: the pools are long.
    private mutating func scanCandidates(_ pools: [[String]], count: Int, fits high: Int) -> Scan {
        var scan = Scan()
        for pool in pools {
            for sentence in pool where !used.contains(sentence) {
                let size = words(sentence)
                if scan.nextFew.count < 12 { scan.nextFew.append(sentence) }
                if scan.firstFitting == nil, count + size <= high { scan.firstFitting = sentence }
                if scan.firstFitting != nil, scan.nextFew.count == 12 { return scan }
                scan.all.append((sentence, size))
            }
        }
        return scan
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
