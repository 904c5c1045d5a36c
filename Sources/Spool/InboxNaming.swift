import Foundation

/// Which names in `inbox/` are project files, and how a file name becomes a job id (SPEC rules 1 and 4).
public enum InboxNaming {
    public enum Kind: Sendable, Equatable {
        /// One project: `NAME.json`.
        case project
        /// A batch, one project per line: `NAME.jsonl`.
        case batch
    }

    /// Rule 1: temp files of writers are never taken (rsync writes `.NAME.XXXXXX`, editors `~` and `.swp`).
    public static func isIgnored(_ name: String) -> Bool {
        if name.hasPrefix(".") || name.hasSuffix("~") { return true }
        let lowered = name.lowercased()
        return [".tmp", ".part", ".partial", ".swp"].contains { lowered.hasSuffix($0) }
    }

    /// The kind of an inbox entry, or nil when it is not a project file at all
    /// (those are left alone: they may be images the projects refer to).
    public static func kind(of name: String) -> Kind? {
        guard !isIgnored(name) else { return nil }
        let lowered = name.lowercased()
        if lowered.hasSuffix(".json") { return .project }
        if lowered.hasSuffix(".jsonl") { return .batch }
        return nil
    }

    /// Rule 4: the file's stem reduced to `[A-Za-z0-9._-]`, at most 100 characters, never empty and
    /// never starting with a dot (hidden names are staging areas).
    public static func baseID(forFileName name: String) -> String {
        var stem = Substring(name)
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
        var id = String(stem.unicodeScalars.map { scalar -> Character in
            let allowed = (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar))) || scalar == "." || scalar == "_" || scalar == "-"
            return allowed ? Character(scalar) : "_"
        })
        while id.hasPrefix(".") { id.removeFirst() }
        if id.isEmpty { id = "job" }
        return String(id.prefix(100))
    }

    /// The first of `base`, `base-2`, `base-3`, … that `isTaken` rejects; keeps the result within 100 characters.
    public static func uniqueID(base: String, isTaken: (String) -> Bool) -> String {
        if !isTaken(base) { return base }
        var counter = 2
        while true {
            let suffix = "-\(counter)"
            let candidate = String(base.prefix(100 - suffix.count)) + suffix
            if !isTaken(candidate) { return candidate }
            counter += 1
        }
    }
}
