/// "Did you mean …?" for a misspelt name: a typo must get a hint, not a silent default.
public enum Spelling {
    /// The name in `candidates` closest to `word` (case-insensitive Levenshtein distance), when it is
    /// at most `maximumDistance` edits away.
    public static func closest(to word: String, among candidates: some Collection<String>, maximumDistance: Int = 3) -> String? {
        guard let best = candidates.min(by: { distance($0, word) < distance($1, word) }),
              distance(best, word) <= maximumDistance else { return nil }
        return best
    }

    /// Levenshtein distance, ignoring case.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
