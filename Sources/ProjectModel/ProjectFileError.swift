/// Why a project file was refused. `field` is a path such as `scenes[2].seconds`; `line` is set for
/// a line of a `.jsonl` batch.
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
