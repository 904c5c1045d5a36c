import Foundation
@testable import ProjectModel

/// A minimal JSON Schema (draft 2020-12) validator: just the keywords `docs/project.schema.json` uses,
/// so the tests can put the same question to the schema and to the parser.
///
/// A keyword it does not know is an error, never ignored: the schema cannot grow a rule these tests
/// would silently skip. Lengths count Unicode scalars and patterns search (unanchored), as the
/// specification says; patterns run on ICU (`NSRegularExpression`), so the schema keeps to the
/// syntax ICU and ECMA-262 share.
struct SchemaValidator {
    struct UnsupportedKeyword: Error, CustomStringConvertible {
        var keyword: String
        var path: String
        var description: String { "the schema uses '\(keyword)' at \(path), which SchemaValidator does not check" }
    }

    static let assertions: Set<String> = [
        "type", "properties", "required", "anyOf", "enum", "minimum", "maximum", "maxLength", "minLength",
        "pattern", "items", "minItems", "maxItems", "additionalProperties",
    ]
    /// Keywords that only annotate: they never make a document invalid.
    static let annotations: Set<String> = ["$schema", "$id", "$comment", "title", "description", "default", "examples"]

    let schema: JSONValue

    /// Why `instance` does not match the schema, one line per violation; empty when it matches.
    func violations(of instance: JSONValue) throws -> [String] {
        try violations(of: instance, against: schema, at: "$")
    }

    private func violations(of instance: JSONValue, against schema: JSONValue, at path: String) throws -> [String] {
        if case .bool(let allowed) = schema { return allowed ? [] : ["\(path): nothing is allowed here"] }
        guard case .object(let keywords) = schema else { throw UnsupportedKeyword(keyword: "a non-object schema", path: path) }
        for keyword in keywords.keys where !Self.assertions.contains(keyword) && !Self.annotations.contains(keyword) {
            throw UnsupportedKeyword(keyword: keyword, path: path)
        }
        var found: [String] = []
        if let type = keywords["type"] {
            let names: [String] = switch type {
            case .string(let name): [name]
            case .array(let items): items.compactMap { if case .string(let name) = $0 { name } else { nil } }
            default: throw UnsupportedKeyword(keyword: "type \(type)", path: path)
            }
            if !names.contains(where: { Self.matches(instance, type: $0) }) { found.append("\(path): not of type \(names)") }
        }
        if case .array(let options) = keywords["enum"], !options.contains(instance) {
            found.append("\(path): not one of the enum")
        }
        switch instance {
        case .number(let number):
            if case .number(let minimum) = keywords["minimum"], number < minimum { found.append("\(path): below \(minimum)") }
            if case .number(let maximum) = keywords["maximum"], number > maximum { found.append("\(path): above \(maximum)") }
        case .string(let text):
            let length = Double(text.unicodeScalars.count)
            if case .number(let most) = keywords["maxLength"], length > most { found.append("\(path): longer than \(most)") }
            if case .number(let least) = keywords["minLength"], length < least { found.append("\(path): shorter than \(least)") }
            if case .string(let pattern) = keywords["pattern"] {
                let regex = try NSRegularExpression(pattern: pattern)
                if regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) == nil {
                    found.append("\(path): does not match \(pattern)")
                }
            }
        case .array(let items):
            if case .number(let least) = keywords["minItems"], Double(items.count) < least { found.append("\(path): fewer than \(least) items") }
            if case .number(let most) = keywords["maxItems"], Double(items.count) > most { found.append("\(path): more than \(most) items") }
            if let itemSchema = keywords["items"] {
                for (index, item) in items.enumerated() {
                    found += try violations(of: item, against: itemSchema, at: "\(path)[\(index)]")
                }
            }
        case .object(let fields):
            if case .array(let required) = keywords["required"] {
                for case .string(let name) in required where fields[name] == nil { found.append("\(path): \(name) is required") }
            }
            var properties: [String: JSONValue] = [:]
            if case .object(let declared) = keywords["properties"] { properties = declared }
            for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
                if let propertySchema = properties[name] {
                    found += try violations(of: value, against: propertySchema, at: "\(path).\(name)")
                } else if let additional = keywords["additionalProperties"] {
                    found += try violations(of: value, against: additional, at: "\(path).\(name)")
                }
            }
        case .null, .bool:
            break
        }
        if case .array(let branches) = keywords["anyOf"] {
            var matched = false
            for branch in branches {
                if try violations(of: instance, against: branch, at: path).isEmpty {
                    matched = true
                    break
                }
            }
            if !matched { found.append("\(path): matches none of anyOf") }
        }
        return found
    }

    private static func matches(_ instance: JSONValue, type: String) -> Bool {
        switch (type, instance) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("array", .array), ("object", .object):
            true
        // Draft 2020-12: an integer is any number with no fractional part, 30.0 included.
        case ("integer", .number(let number)):
            number.rounded() == number
        default:
            false
        }
    }
}
