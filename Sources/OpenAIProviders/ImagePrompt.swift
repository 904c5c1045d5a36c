import ProjectModel

/// The text sent to an image model for one scene: the scene's picture description, the niche pack's
/// style and the project's visual style (each unless the description already has it), the framing,
/// and what to avoid. DALL-E has no negative prompt, so that goes in as "Avoid: …".
enum ImagePrompt {
    static let framing = "vertical 9:16 composition"

    static func text(visual: String, pack: NichePack, visualStyle: String?, maxCharacters: Int) -> String {
        let description = visual.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var parts: [String] = []
        for extra in [pack.styleBible, visualStyle ?? ""] where !extra.isEmpty && !description.localizedCaseInsensitiveContains(extra) {
            parts.append(extra)
        }
        parts.append(description)
        if !description.localizedCaseInsensitiveContains(framing) { parts.append(framing) }
        let avoid = ". Avoid: " + pack.negativePrompt + "."
        let wanted = parts.joined(separator: ", ")
        // The description gives way first, cut at a word; what to avoid stays whole where it fits.
        let room = maxCharacters - avoid.count
        guard wanted.count > room else { return wanted + avoid }
        guard room >= 40 else { return String((wanted + avoid).prefix(maxCharacters)) }
        var cut = String(wanted.prefix(room))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + avoid
    }
}
