/// Why a project file was refused. `field` is a path such as `scenes[2].seconds`.
///
/// `line` is the 1-based line of a JSON syntax error, whose reason then starts with
/// `invalid JSON at column C: `; a `.jsonl` batch sets it to the batch's line for any error of
/// that line. Either way ``description`` starts with `line N: ` whenever `line` is set.
public struct ProjectFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var reason: String
    public var line: Int?

    public init(field: String? = nil, _ reason: String, line: Int? = nil) {
        self.field = field
        self.reason = reason
        self.line = line
    }

    public var description: String {
        var text = ""
        if let line { text += "line \(line): " }
        if let field { text += "\(field): " }
        return text + reason
    }
}
