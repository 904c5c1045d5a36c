/// One body scene of a template plan before its sentences are written: the lines it must say, and
/// where it sits in the script.
///
/// The planner first decides every scene's fixed lines (openers, keyword and niche lines, the call to
/// action), then fills the scenes to the word budget (``fill(_:sections:writer:bodyWords:slack:)``).
/// Knowing the fixed lines first is what keeps the total on the budget: a late scene with a long
/// opener ("Myth: … Fact: …") and the call to action gets its room from the scenes before it.
struct BodyScene {
    /// A stretch of the scene that belongs to one section: its openers, then sentences from that
    /// section's pool. A scene that opens several sections (a short video) has one part for each.
    struct Part {
        var section: Int
        var leads: [String]
    }

    var parts: [Part]
    /// Keyword and niche lines, said right after the first part's openers.
    var extra: [String]
    /// The call to action, said last in the last scene.
    var closing: String?
    var label: String
    var visual: String

    /// The lines the scene says however long the video is.
    var fixedLines: [String] { parts.flatMap(\.leads) + extra + (closing.map { [$0] } ?? []) }

    /// The narration of each scene and its spoken words: its fixed lines plus sentences from `writer`, `bodyWords` words in
    /// all. The scenes share the words equally, except that a scene whose fixed lines alone are longer
    /// than its share keeps them and the others share the rest (``level(fixed:words:)``). What a scene
    /// says beyond its share comes off the scenes after it, and the last part of the last scene lands
    /// within `slack` words of what is left.
    static func fill(_ scenes: [BodyScene], sections: [TemplatePlanner.Section], writer: inout ScriptWriter,
                     bodyWords: Double, slack: Int) -> [(narration: String, words: Int)] {
        let fixed = scenes.map { writer.words($0.fixedLines) }
        // How many scenes each section spans: a section spread over several shares its pool among them.
        var spans = [Int](repeating: 0, count: sections.count)
        for scene in scenes { for part in scene.parts { spans[part.section] += 1 } }

        var narrations: [(narration: String, words: Int)] = []
        var said = 0
        for (index, scene) in scenes.enumerated() {
            let target = max(Double(fixed[index]), level(fixed: fixed[index...], words: bodyWords - Double(said)))
            let closingWords = writer.words(scene.closing.map { [$0] } ?? [])
            var sentences: [String] = []
            for (position, part) in scene.parts.enumerated() {
                let partsLeft = scene.parts.count - position
                let partTarget = (target - Double(closingWords + writer.words(sentences))) / Double(partsLeft)
                let section = sections[part.section]
                let poolShare = max(2, (section.pool.count + spans[part.section] - 1) / max(spans[part.section], 1))
                let isLastPart = index == scenes.count - 1 && partsLeft == 1
                sentences += writer.fill(leads: part.leads, extra: position == 0 ? scene.extra : [],
                                         preferred: section.pool, preferredCount: poolShare,
                                         target: max(Int(partTarget.rounded()), 1), slack: isLastPart ? slack : nil)
            }
            if let closing = scene.closing { sentences.append(closing) }
            // The sum of the sentences' words is the narration's (SpeechText counts across a join the
            // same), and the writer has counted each sentence already.
            let words = writer.words(sentences)
            said += words
            narrations.append((sentences.joined(separator: " "), words))
        }
        return narrations
    }

    /// The equal share of `words` each scene gets, when a scene whose `fixed` words are more than the
    /// share keeps its fixed words instead: the level where Σ max(fixed, level) = `words`.
    static func level(fixed: ArraySlice<Int>, words: Double) -> Double {
        var keepFixed: Set<Int> = []
        while true {
            let sharing = fixed.indices.filter { !keepFixed.contains($0) }
            guard !sharing.isEmpty else { return 0 }
            let level = (words - keepFixed.reduce(0) { $0 + Double(fixed[$1]) }) / Double(sharing.count)
            let over = sharing.filter { Double(fixed[$0]) > level }
            if over.isEmpty { return level }
            keepFixed.formUnion(over)
        }
    }
}
