/// Where a setting's effective value came from, in rising order of precedence.
public enum SettingSource: Sendable, Hashable, Codable, CustomStringConvertible {
    case defaultValue
    case environment(String)
    /// A config file, by path.
    case file(String)
    case flag(String)

    public var description: String {
        switch self {
        case .defaultValue: "default"
        case .environment(let name): "environment \(name)"
        case .file(let path): "file \(path)"
        case .flag(let flag): "flag \(flag)"
        }
    }
}
