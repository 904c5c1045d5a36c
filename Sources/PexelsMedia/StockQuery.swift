import ProjectModel

/// A stock search from a scene's picture description. The planners write descriptions for image
/// models ("clean infographic look, bright, …, a diagram of the heart, about octopuses, vertical 9:16
/// composition"); a stock library matches a few words. So: the pack's style, the project's visual
/// style and the framing are taken out, then the little words, and at most six words are kept; the
/// topic's words when nothing is left.
enum StockQuery {
    static let maxWords = 6

    static func text(visual: String, pack: NichePack, visualStyle: String?, topic: String) -> String {
        var description = visual.lowercased()
        for added in [pack.styleBible, visualStyle ?? "", "vertical 9:16 composition"] where !added.isEmpty {
            description = description.replacingOccurrences(of: added.lowercased(), with: " ")
        }
        let found = words(description)
        return (found.isEmpty ? words(topic.lowercased()) : found).joined(separator: " ")
    }

    private static func words(_ text: String) -> [String] {
        var seen = Set<String>()
        let all = text.split { !($0.isLetter || $0.isNumber || $0 == "'") }.map(String.init)
        return all.filter { $0.count > 2 && !fillers.contains($0) && seen.insert($0).inserted }.prefix(maxWords).map { $0 }
    }

    /// Words that find nothing in a stock library, or everything.
    static let fillers: Set<String> = [
        "the", "and", "for", "with", "from", "into", "onto", "over", "under", "about", "this", "that", "these", "those",
        "its", "it's", "their", "there", "here", "very", "some", "any", "all", "one", "two", "are", "was", "were", "has",
        "have", "had", "but", "not", "you", "your", "our", "who", "what", "why", "how", "when", "where", "which",
        "image", "images", "photo", "photos", "picture", "pictures", "shot", "scene", "style", "look", "composition",
        "vertical", "bold", "eye", "catching", "eye-catching", "opening", "poster", "item", "related",
    ]
}
