import JobDocuments

/// Times the script's own words by the words a recogniser heard (Whisper), so captions show what was
/// written, spelt as written, even where the recogniser misheard, merged or missed a word.
///
/// The two word sequences are aligned by edit distance (Levenshtein over words, by their letters and
/// digits only, case folded): a script word paired with a heard word takes its time, whether the two
/// are spelt alike or not; a script word with no partner is placed evenly in the gap between its
/// timed neighbours (or up to the end of the speech); heard words with no partner are dropped. Times
/// never go backwards.
public enum TranscriptMatcher {
    /// `(start, end)` for each of `script`'s words, within `0...speechEnd`.
    public static func times(script: [String], heard: [SpokenWord], speechEnd: Double) -> [(start: Double, end: Double)] {
        guard !script.isEmpty else { return [] }
        let pairs = align(script.map(key), heard.map { key($0.text) })
        var times: [(start: Double, end: Double)?] = script.indices.map { pairs[$0].map { (heard[$0].start, heard[$0].end) } }
        // Fill each run of untimed words evenly between its neighbours.
        var index = 0
        while index < times.count {
            guard times[index] == nil else { index += 1; continue }
            var last = index
            while last + 1 < times.count, times[last + 1] == nil { last += 1 }
            let from = index > 0 ? times[index - 1]!.end : 0
            let to = last + 1 < times.count ? times[last + 1]!.start : max(speechEnd, from)
            let share = max(0, to - from) / Double(last - index + 1)
            for position in index...last {
                let start = from + share * Double(position - index)
                times[position] = (start, start + share * 0.9)
            }
            index = last + 1
        }
        // Monotonic and inside the speech.
        var result: [(start: Double, end: Double)] = []
        var floor = 0.0
        for time in times {
            let start = min(max(time!.start, floor), speechEnd)
            let end = min(max(time!.end, start), speechEnd)
            result.append((start, end))
            floor = start
        }
        return result
    }

    /// For each script word, the index of the heard word it is paired with, if any.
    static func align(_ script: [String], _ heard: [String]) -> [Int?] {
        let rows = script.count, columns = heard.count
        guard rows > 0, columns > 0 else { return Array(repeating: nil, count: rows) }
        // cost[i][j]: the edit distance between script[..<i] and heard[..<j].
        var cost = Array(repeating: Array(repeating: 0, count: columns + 1), count: rows + 1)
        for i in 0...rows { cost[i][0] = i }
        for j in 0...columns { cost[0][j] = j }
        for i in 1...rows {
            for j in 1...columns {
                let substitution = cost[i - 1][j - 1] + (script[i - 1] == heard[j - 1] ? 0 : 1)
                cost[i][j] = min(substitution, cost[i - 1][j] + 1, cost[i][j - 1] + 1)
            }
        }
        var pairs = [Int?](repeating: nil, count: rows)
        var i = rows, j = columns
        while i > 0, j > 0 {
            let substitution = cost[i - 1][j - 1] + (script[i - 1] == heard[j - 1] ? 0 : 1)
            if cost[i][j] == substitution {
                pairs[i - 1] = j - 1
                i -= 1
                j -= 1
            } else if cost[i][j] == cost[i - 1][j] + 1 {
                i -= 1
            } else {
                j -= 1
            }
        }
        return pairs
    }

    /// A word as compared: its letters and digits, case folded ("Octopus," and "octopus" match).
    static func key(_ word: String) -> String {
        String(String.UnicodeScalarView(word.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }
}
