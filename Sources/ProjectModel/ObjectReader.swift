import Foundation

/// Reads typed fields out of one JSON object, remembering which keys were read so the rest can be
/// reported as unknown. Every error names the full field path.
struct ObjectReader {
    private let fields: [String: JSONValue]
    private let path: String
    private var known: Set<String> = []

    /// Checks the keys against the object's schema first, so a typo is reported as the typo
    /// rather than as the required field it was meant to be.
    init(_ fields: [String: JSONValue], path: String, allowed: Set<String>) throws(ProjectFileError) {
        self.fields = fields
        self.path = path
        self.known = allowed
        try rejectUnknown()
        self.known = []
    }

    private func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The value of `key`, or nil when it is absent or JSON null.
    private mutating func value(_ key: String) -> JSONValue? {
        known.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, expected: String, got value: JSONValue) -> ProjectFileError {
        ProjectFileError(field: name(key), "expected \(expected), got \(value.typeName)")
    }

    mutating func string(_ key: String, maxLength: Int) throws(ProjectFileError) -> String? {
        guard let value = value(key) else { return nil }
        guard case .string(let text) = value else { throw wrongType(key, expected: "a string", got: value) }
        guard text.count <= maxLength else {
            throw ProjectFileError(field: name(key), "is \(text.count) characters long; at most \(maxLength) allowed")
        }
        return text
    }

    mutating func number(_ key: String, in range: ClosedRange<Double>) throws(ProjectFileError) -> Double? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value else { throw wrongType(key, expected: "a number", got: value) }
        guard range.contains(number) else {
            throw ProjectFileError(field: name(key), "must be between \(format(range.lowerBound)) and \(format(range.upperBound)), got \(format(number))")
        }
        return number
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) throws(ProjectFileError) -> Int? {
        guard let value = value(key) else { return nil }
        guard case .number(let number) = value else { throw wrongType(key, expected: "an integer", got: value) }
        guard number.rounded() == number, abs(number) < 1e15 else {
            throw ProjectFileError(field: name(key), "expected an integer, got \(format(number))")
        }
        guard range.contains(Int(number)) else {
            throw ProjectFileError(field: name(key), "must be between \(range.lowerBound) and \(range.upperBound), got \(format(number))")
        }
        return Int(number)
    }

    mutating func bool(_ key: String) throws(ProjectFileError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else { throw wrongType(key, expected: "true or false", got: value) }
        return flag
    }

    mutating func enumeration<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws(ProjectFileError) -> T? where T.RawValue == String {
        guard let text = try string(key, maxLength: 100) else { return nil }
        guard let result = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw ProjectFileError(field: name(key), "'\(text)' is not one of \(allowed)")
        }
        return result
    }

    mutating func color(_ key: String) throws(ProjectFileError) -> RGBColor? {
        guard let text = try string(key, maxLength: 20) else { return nil }
        guard let color = RGBColor(hex: text) else {
            throw ProjectFileError(field: name(key), "expected a colour like #FFD700, got '\(text)'")
        }
        return color
    }

    mutating func path(_ key: String, extensions: Set<String>) throws(ProjectFileError) -> String? {
        guard let text = try string(key, maxLength: 300) else { return nil }
        try ProjectFileParser.checkRelativePath(text, field: name(key))
        let ext = (text as NSString).pathExtension.lowercased()
        guard extensions.contains(ext) else {
            throw ProjectFileError(field: name(key), "'\(text)' must end in one of: \(extensions.sorted().joined(separator: ", "))")
        }
        return text
    }

    /// Keywords as an array of strings or one comma-separated string.
    mutating func keywords(_ key: String) throws(ProjectFileError) -> [String]? {
        guard let value = value(key) else { return nil }
        let words: [String]
        switch value {
        case .string(let text):
            words = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        case .array(let items):
            var collected: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    throw ProjectFileError(field: "\(name(key))[\(index)]", "expected a string, got \(item.typeName)")
                }
                collected.append(text.trimmingCharacters(in: .whitespaces))
            }
            words = collected
        default:
            throw wrongType(key, expected: "an array of strings", got: value)
        }
        let kept = words.filter { !$0.isEmpty }
        guard kept.count <= 30, kept.allSatisfy({ $0.count <= 60 }) else {
            throw ProjectFileError(field: name(key), "at most 30 keywords of at most 60 characters each")
        }
        return kept
    }

    /// A name from `allowed`, or a non-empty array of them: always returned as an array.
    mutating func names(_ key: String, allowed: [String]) throws(ProjectFileError) -> [String]? {
        guard let value = value(key) else { return nil }
        func check(_ item: JSONValue, _ field: String) throws(ProjectFileError) -> String {
            guard case .string(let text) = item else { throw ProjectFileError(field: field, "expected a string, got \(item.typeName)") }
            guard allowed.contains(text) else {
                throw ProjectFileError(field: field, "unknown value '\(text)'; expected one of \(allowed.joined(separator: ", "))")
            }
            return text
        }
        switch value {
        case .string: return [try check(value, name(key))]
        case .array: return try array(key) { item, field throws(ProjectFileError) in try check(item, field) }
        default: throw wrongType(key, expected: "a string or an array of strings", got: value)
        }
    }

    mutating func object(_ key: String) throws(ProjectFileError) -> [String: JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .object(let fields) = value else { throw wrongType(key, expected: "an object", got: value) }
        return fields
    }

    mutating func array<T>(_ key: String, _ element: (JSONValue, String) throws(ProjectFileError) -> T) throws(ProjectFileError) -> [T]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { throw wrongType(key, expected: "an array", got: value) }
        guard !items.isEmpty else { throw ProjectFileError(field: name(key), "must not be empty") }
        guard items.count <= ProjectFileParser.maxScenes else {
            throw ProjectFileError(field: name(key), "has \(items.count) entries; at most \(ProjectFileParser.maxScenes) allowed")
        }
        var result: [T] = []
        for (index, item) in items.enumerated() {
            result.append(try element(item, "\(name(key))[\(index)]"))
        }
        return result
    }

    /// Fails on the first key that no reader asked for, suggesting the closest known name.
    func rejectUnknown() throws(ProjectFileError) {
        for key in fields.keys.sorted() where !known.contains(key) {
            var reason = "unknown field"
            if let guess = Spelling.closest(to: key, among: known) {
                reason += " (did you mean '\(guess)'?)"
            }
            throw ProjectFileError(field: name(key), reason)
        }
    }

    private func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }
}
