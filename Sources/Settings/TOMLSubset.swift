import Foundation

/// The part of TOML a settings file needs, read into flat dotted keys: `key = value` lines with bare
/// or quoted keys, `[table]` headers, strings (basic `"…"` with escapes, literal `'…'`), integers,
/// floats, booleans, one-line arrays of those, and `#` comments. Anything else is an error naming
/// the line — never a silently ignored setting.
///
/// Why not a TOML library: the one in the pre-fetched package set (TOMLKit) cannot be resolved here
/// (its test dependency is not in the set), and settings need only this much.
enum TOMLSubset {
    enum Value: Equatable, Sendable {
        case string(String)
        case int(Int)
        case double(Double)
        case bool(Bool)
        case array([Value])
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var reason: String
        var description: String { "line \(line): \(reason)" }
    }

    /// The file's values by dotted key (`table.key`).
    static func parse(_ text: String) throws -> [String: Value] {
        var values: [String: Value] = [:]
        var table = ""
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = offset + 1
            var scanner = Scanner(Array(String(rawLine).unicodeScalars), line: number)
            scanner.skipSpaces()
            if scanner.atEndOrComment { continue }
            if scanner.peek == "[" {
                scanner.advance()
                scanner.skipSpaces()
                let name = try scanner.key()
                scanner.skipSpaces()
                guard scanner.peek == "]" else { throw ParseError(line: number, reason: "expected ']' after the table name") }
                scanner.advance()
                scanner.skipSpaces()
                guard scanner.atEndOrComment else { throw ParseError(line: number, reason: "unexpected text after the table header") }
                table = name
                continue
            }
            let key = try scanner.key()
            scanner.skipSpaces()
            guard scanner.peek == "=" else { throw ParseError(line: number, reason: "expected '=' after '\(key)'") }
            scanner.advance()
            scanner.skipSpaces()
            let value = try scanner.value()
            scanner.skipSpaces()
            guard scanner.atEndOrComment else { throw ParseError(line: number, reason: "unexpected text after the value of '\(key)'") }
            let full = table.isEmpty ? key : "\(table).\(key)"
            guard values[full] == nil else { throw ParseError(line: number, reason: "'\(full)' is set twice") }
            values[full] = value
        }
        return values
    }

    private struct Scanner {
        let scalars: [Unicode.Scalar]
        let line: Int
        var index = 0

        init(_ scalars: [Unicode.Scalar], line: Int) {
            self.scalars = scalars
            self.line = line
        }

        var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }
        var atEndOrComment: Bool { peek == nil || peek == "#" || peek == "\r" }
        mutating func advance() { index += 1 }

        mutating func skipSpaces() {
            while let next = peek, next == " " || next == "\t" { advance() }
        }

        func error(_ reason: String) -> ParseError { ParseError(line: line, reason: reason) }

        /// A bare key (`A-Za-z0-9_-`, dotted parts allowed) or a quoted one.
        mutating func key() throws -> String {
            var parts: [String] = []
            repeat {
                skipSpaces()
                if peek == "\"" || peek == "'" {
                    guard case .string(let text) = try value() else { throw error("expected a key") }
                    parts.append(text)
                } else {
                    var text = ""
                    while let next = peek, next.properties.isAlphabetic && next.isASCII || ("0"..."9").contains(next) || next == "_" || next == "-" {
                        text.unicodeScalars.append(next)
                        advance()
                    }
                    guard !text.isEmpty else { throw error("expected a key") }
                    parts.append(text)
                }
                skipSpaces()
                guard peek == "." else { break }
                advance()
            } while true
            return parts.joined(separator: ".")
        }

        mutating func value() throws -> Value {
            guard let first = peek else { throw error("expected a value") }
            switch first {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[": return try array()
            default:
                var token = ""
                while let next = peek, next != " ", next != "\t", next != ",", next != "]", next != "#", next != "\r" {
                    token.unicodeScalars.append(next)
                    advance()
                }
                if token == "true" { return .bool(true) }
                if token == "false" { return .bool(false) }
                let digits = token.replacingOccurrences(of: "_", with: "")
                if let int = Int(digits) { return .int(int) }
                if let double = Double(digits), digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .double(double) }
                throw error(token.isEmpty ? "expected a value" : "'\(token)' is not a TOML string, number, boolean or array")
            }
        }

        private mutating func basicString() throws -> String {
            advance()
            var text = ""
            while let next = peek {
                advance()
                switch next {
                case "\"": return text
                case "\\":
                    guard let escaped = peek else { throw error("unfinished escape") }
                    advance()
                    switch escaped {
                    case "n": text += "\n"
                    case "t": text += "\t"
                    case "r": text += "\r"
                    case "\\": text += "\\"
                    case "\"": text += "\""
                    case "u", "U":
                        let count = escaped == "u" ? 4 : 8
                        guard index + count <= scalars.count,
                              let code = UInt32(String(String.UnicodeScalarView(scalars[index..<index + count])), radix: 16),
                              let scalar = Unicode.Scalar(code) else { throw error("bad \\\(escaped) escape") }
                        index += count
                        text.unicodeScalars.append(scalar)
                    default: throw error("unknown escape \\\(escaped)")
                    }
                default: text.unicodeScalars.append(next)
                }
            }
            throw error("unterminated string")
        }

        private mutating func literalString() throws -> String {
            advance()
            var text = ""
            while let next = peek {
                advance()
                if next == "'" { return text }
                text.unicodeScalars.append(next)
            }
            throw error("unterminated string")
        }

        private mutating func array() throws -> Value {
            advance()
            var items: [Value] = []
            while true {
                skipSpaces()
                if peek == "]" {
                    advance()
                    return .array(items)
                }
                items.append(try value())
                skipSpaces()
                if peek == "," {
                    advance()
                } else if peek != "]" {
                    throw error("expected ',' or ']' in the array (arrays are one line here)")
                }
            }
        }
    }
}
