/// Escaping for values placed inside an ffmpeg filter graph string.
///
/// A value such as a file path passes through two parsers (ffmpeg-filters(1), "Notes on filtergraph
/// escaping"): first the filter graph parser, which splits on `[ ] , ;` and consumes `\` and `'`; then the
/// filter's option parser, which splits on `:` and also consumes `\` and `'`. Each level is escaped in
/// turn, innermost first. The old system only escaped `'`, so a path with `:` or `,` broke the render.
public enum FilterGraphEscaping {
    /// Level 1: a value for `key=value` inside one filter's options.
    ///
    /// Escapes `\`, `'` and `:`, and leading or trailing whitespace (which the option parser trims).
    public static func optionValue(_ value: String) -> String {
        let characters = Array(value)
        var escaped = ""
        for (index, character) in characters.enumerated() {
            let atEdge = index == 0 || index == characters.count - 1
            if character == "\\" || character == "'" || character == ":" || (atEdge && character.isWhitespace) {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }

    /// Level 2: text placed in a filter graph description (a filter's whole argument string).
    ///
    /// Escapes `\`, `'`, `[`, `]`, `,` and `;`.
    public static func graph(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if "\\'[],;".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// Both levels: a value ready to paste after `key=` in a filter graph.
    public static func filterValue(_ value: String) -> String {
        graph(optionValue(value))
    }
}
