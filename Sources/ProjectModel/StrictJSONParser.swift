import Foundation

/// Parses JSON text exactly as RFC 8259 defines it into a ``JSONValue``, and says where it is wrong.
///
/// Guarantees:
/// - Accepts every RFC 8259 JSON text nested at most ``maxDepth`` arrays and objects deep, and
///   nothing else: no trailing commas, comments, `NaN` or `Infinity`, single-quoted strings, unquoted
///   keys, leading zeros or `+` in numbers, bare control characters in strings, unknown escapes, lone
///   surrogate escapes, ill-formed UTF-8, or anything but whitespace after the value.
/// - Refuses an object that names the same key twice (RFC 8259 leaves the meaning open; in a project
///   file it is always a mistake), and says where the first one was.
/// - Skips one leading UTF-8 byte order mark, which RFC 8259 §8.1 allows a parser to ignore.
/// - Refuses numbers too large for a `Double` rather than turning them into infinity.
/// - Every error is a ``ProjectFileError`` whose `line` is the 1-based line of the problem and whose
///   reason reads `invalid JSON at column C: …`, C being 1-based and counted in Unicode scalars.
/// - Reads the bytes in place: no copy of the input and no `String` of it; only the strings of the
///   document are allocated, each once.
struct StrictJSONParser {
    /// The deepest nesting of arrays and objects accepted; it bounds the parser's recursion.
    static let maxDepth = 64

    /// Parses a whole JSON text.
    static func parse(_ data: Data) throws(ProjectFileError) -> JSONValue {
        // `withUnsafeBytes` rethrows untyped errors; a `Result` carries the typed one out.
        let result = data.withUnsafeBytes { bytes in
            Result { () throws(ProjectFileError) -> JSONValue in try parse(bytes) }
        }
        return try result.get()
    }

    /// Parses a whole JSON text from raw bytes, which must stay valid for the call.
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(ProjectFileError) -> JSONValue {
        var parser = StrictJSONParser(bytes)
        return try parser.document()
    }

    private let bytes: UnsafeRawBufferPointer
    /// Where the text proper starts: 0, or 3 after a byte order mark.
    private let textStart: Int
    /// The next byte to read.
    private var offset: Int
    /// Reused for every string with escapes, so a document allocates one buffer, not one per string.
    private var scratch: [UInt8] = []
    /// Where each key of the objects being read starts, innermost object last; only read to say
    /// where the first of two equal keys was.
    private var keyStarts: [Int] = []

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        textStart = hasByteOrderMark ? 3 : 0
        offset = textStart
    }

    private mutating func document() throws(ProjectFileError) -> JSONValue {
        skipWhitespace()
        let result = try value(depth: 1)
        skipWhitespace()
        guard offset == bytes.count else { throw unexpected("nothing but whitespace after the JSON value") }
        return result
    }

    // MARK: Values

    /// `depth` counts the arrays and objects this value would be inside, itself included.
    private mutating func value(depth: Int) throws(ProjectFileError) -> JSONValue {
        guard offset < bytes.count else { throw unexpected("a value") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        case UInt8(ascii: "+"): throw error("a number may not start with '+'", at: offset)
        case UInt8(ascii: "."): throw error("a number must start with a digit (0.5, not .5)", at: offset)
        case let byte where Self.isWordByte(byte): return try literal()
        default: throw unexpected("a value")
        }
    }

    private mutating func object(depth: Int) throws(ProjectFileError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) arrays and objects", at: offset) }
        offset += 1
        var fields: [String: JSONValue] = [:]
        let firstKeyStart = keyStarts.count
        defer { keyStarts.removeSubrange(firstKeyStart...) }
        skipWhitespace()
        if next(is: "}") { offset += 1; return .object(fields) }
        while true {
            guard next(is: "\"") else { throw badKey() }
            let keyStart = offset
            let key = try string()
            // Checked before the value is read, so the error is the first one in reading order.
            guard fields[key] == nil else { throw duplicate(key, at: keyStart, since: firstKeyStart) }
            keyStarts.append(keyStart)
            skipWhitespace()
            guard next(is: ":") else { throw unexpected("':' after the key") }
            offset += 1
            skipWhitespace()
            fields[key] = try value(depth: depth + 1)
            skipWhitespace()
            if next(is: "}") { offset += 1; return .object(fields) }
            guard next(is: ",") else { throw unexpected("',' or '}'") }
            offset += 1
            skipWhitespace()
            if next(is: "}") { throw error("trailing comma before '}'", at: offset) }
        }
    }

    private mutating func array(depth: Int) throws(ProjectFileError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) arrays and objects", at: offset) }
        offset += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if next(is: "]") { offset += 1; return .array(items) }
        while true {
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            if next(is: "]") { offset += 1; return .array(items) }
            guard next(is: ",") else { throw unexpected("',' or ']'") }
            offset += 1
            skipWhitespace()
            if next(is: "]") { throw error("trailing comma before ']'", at: offset) }
        }
    }

    /// `true`, `false` or `null`; any other bare word is a mistake worth naming.
    private mutating func literal() throws(ProjectFileError) -> JSONValue {
        let start = offset
        let word = readWord()
        switch word {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case _ where ["nan", "infinity", "inf"].contains(word.lowercased()):
            throw error("\(word) is not a JSON number (JSON has no NaN or Infinity)", at: start)
        default:
            throw error("unquoted text '\(word.prefix(30))'; strings need double quotes", at: start)
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, the RFC's grammar.
    private mutating func number() throws(ProjectFileError) -> Double {
        let start = offset
        let negative = next(is: "-")
        if negative {
            offset += 1
            if next(is: "I") { throw error("-Infinity is not a JSON number (JSON has no NaN or Infinity)", at: start) }
        }
        guard nextIsDigit() else { throw unexpected("a digit after '-'") }
        var integerDigits = 0
        var magnitude = 0
        if next(is: "0") {
            offset += 1
            integerDigits = 1
            if nextIsDigit() { throw error("a number may not have leading zeros", at: start) }
        } else {
            while nextIsDigit() {
                // Past 15 digits the exact path below takes over; stop before Int could overflow.
                if integerDigits < 16 { magnitude = magnitude * 10 + Int(bytes[offset] - UInt8(ascii: "0")) }
                integerDigits += 1
                offset += 1
            }
        }
        var isInteger = true
        if next(is: ".") {
            isInteger = false
            offset += 1
            guard nextIsDigit() else { throw unexpected("a digit after the decimal point") }
            while nextIsDigit() { offset += 1 }
        }
        if next(is: "e") || next(is: "E") {
            isInteger = false
            offset += 1
            if next(is: "+") || next(is: "-") { offset += 1 }
            guard nextIsDigit() else { throw unexpected("a digit in the exponent") }
            while nextIsDigit() { offset += 1 }
        }
        // Integers of up to 15 digits are exact in a Double; `-0` keeps its sign.
        if isInteger, integerDigits <= 15 {
            return negative ? -Double(magnitude) : Double(magnitude)
        }
        // Short texts are small strings (no allocation); `Double(_:)` rounds correctly.
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        guard let number = Double(text), number.isFinite else {
            throw error("the number \(text.prefix(40)) is too large", at: start)
        }
        return number
    }

    // MARK: Strings

    /// Reads a string from its opening quote; leaves `offset` after the closing one.
    private mutating func string() throws(ProjectFileError) -> String {
        let opening = offset
        offset += 1
        let start = offset
        // Most strings have no escapes: their bytes are the string.
        while offset < bytes.count, bytes[offset] != UInt8(ascii: "\\") {
            if bytes[offset] == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
                offset += 1
                return text
            }
            try skipCharacter()
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            switch bytes[offset] {
            case UInt8(ascii: "\""):
                offset += 1
                return String(decoding: scratch, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try escape()
            default:
                let characterStart = offset
                try skipCharacter()
                scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[characterStart..<offset]))
            }
        }
        throw error("this string is never closed", at: opening)
    }

    /// Steps over one unescaped character of a string, checking it may stand there.
    private mutating func skipCharacter() throws(ProjectFileError) {
        let byte = bytes[offset]
        if byte == 0x0A {
            throw error("a string may not contain a line break; close it or write \\n", at: offset)
        }
        if byte < 0x20 {
            throw error("a string may not contain the control character \(Self.codePoint(UInt32(byte))); escape it", at: offset)
        }
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: offset) else {
            throw error("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true))", at: offset)
        }
        offset += length
    }

    /// Decodes one escape into `scratch`, from its backslash.
    private mutating func escape() throws(ProjectFileError) {
        let backslash = offset
        offset += 1
        guard offset < bytes.count else { throw error("this string is never closed", at: backslash) }
        let letter = bytes[offset]
        offset += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"): try unicodeEscape(from: backslash)
        default:
            let shown = (0x21...0x7E).contains(letter) ? "'\\\(Character(Unicode.Scalar(letter)))'" : "a backslash before \(describe(at: offset - 1))"
            throw error("invalid escape \(shown); JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", at: backslash)
        }
    }

    /// `\uXXXX`, or a `\uD8xx\uDCxx` surrogate pair for a scalar beyond U+FFFF.
    private mutating func unicodeEscape(from backslash: Int) throws(ProjectFileError) {
        let unit = try hexQuad(from: backslash)
        var scalar = unit
        switch unit {
        case 0xD800...0xDBFF:
            let low = offset
            guard next(is: "\\"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw error("lone surrogate \\u\(Self.hex(unit)): it must be followed by a \\uDC00–\\uDFFF escape", at: backslash)
            }
            offset += 2
            let second = try hexQuad(from: low)
            guard (0xDC00...0xDFFF).contains(second) else {
                throw error("\\u\(Self.hex(unit)) must be followed by a low surrogate \\uDC00–\\uDFFF, not \\u\(Self.hex(second))", at: low)
            }
            scalar = 0x10000 + ((unit - 0xD800) << 10) + (second - 0xDC00)
        case 0xDC00...0xDFFF:
            throw error("lone surrogate \\u\(Self.hex(unit)): a low surrogate must follow a \\uD800–\\uDBFF escape", at: backslash)
        default:
            break
        }
        guard let decoded = Unicode.Scalar(scalar) else { preconditionFailure("surrogates are handled above") }
        UTF8.encode(decoded) { scratch.append($0) }
    }

    /// The four hex digits after `\u`.
    private mutating func hexQuad(from backslash: Int) throws(ProjectFileError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = Self.hexDigit(bytes[offset]) else {
                throw error("\\u must be followed by four hex digits", at: backslash)
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    // MARK: Errors

    /// An error at a byte offset, located as line and column.
    private func error(_ reason: String, at position: Int) -> ProjectFileError {
        let (line, column) = location(of: position)
        return ProjectFileError("invalid JSON at column \(column): \(reason)", line: line)
    }

    /// Line and column of a byte offset. Only errors need it, so it is counted then, not while parsing.
    private func location(of position: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        for index in textStart..<position {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                // Every scalar has exactly one byte that is not a continuation byte (10xxxxxx).
                column += 1
            }
        }
        return (line, column)
    }

    /// "expected …, found …", with a plain word for the usual suspects.
    private func unexpected(_ expected: String) -> ProjectFileError {
        guard offset < bytes.count else { return error("expected \(expected), found the end of the text", at: offset) }
        let byte = bytes[offset]
        if byte == UInt8(ascii: "/"), offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "/") || bytes[offset + 1] == UInt8(ascii: "*") {
            return error("comments are not allowed in JSON", at: offset)
        }
        if byte == UInt8(ascii: "'") {
            return error("strings need double quotes, not single quotes", at: offset)
        }
        if let scalar = scalar(at: offset), ["\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}"].contains(scalar) {
            return error("curly quote \(Self.codePoint(scalar.value)); JSON needs straight double quotes (\")", at: offset)
        }
        return error("expected \(expected), found \(describe(at: offset))", at: offset)
    }

    /// A key that is not a double-quoted string.
    private mutating func badKey() -> ProjectFileError {
        let start = offset
        guard offset < bytes.count, Self.isWordByte(bytes[offset]) else { return unexpected("a key in double quotes") }
        let word = readWord()
        return error("keys need double quotes: \"\(word.prefix(30))\", not \(word.prefix(30))", at: start)
    }

    private func duplicate(_ key: String, at position: Int, since firstKeyStart: Int) -> ProjectFileError {
        var first = position
        for start in keyStarts[firstKeyStart...] {
            var probe = self
            probe.offset = start
            if (try? probe.string()) == key {
                first = start
                break
            }
        }
        let (line, column) = location(of: first)
        return error("duplicate key \"\(key.prefix(60))\" (first at line \(line), column \(column))", at: position)
    }

    /// The character at a byte offset, for a message: `'x'` when printable ASCII, else `U+XXXX`.
    private func describe(at position: Int) -> String {
        let byte = bytes[position]
        if (0x21...0x7E).contains(byte) { return "'\(Character(Unicode.Scalar(byte)))'" }
        if let scalar = scalar(at: position) { return Self.codePoint(scalar.value) }
        return "the byte 0x\(String(byte, radix: 16, uppercase: true)) (not UTF-8)"
    }

    private func scalar(at position: Int) -> Unicode.Scalar? {
        guard let length = UTF8Validation.sequenceLength(in: bytes, at: position) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
            .unicodeScalars.first
    }

    // MARK: Bytes

    private func next(is character: Unicode.Scalar) -> Bool {
        offset < bytes.count && bytes[offset] == UInt8(ascii: character)
    }

    private func nextIsDigit() -> Bool {
        offset < bytes.count && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset])
    }

    /// RFC 8259 whitespace: space, tab, line feed, carriage return. Nothing else.
    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    /// A run of letters, digits, `_` and `$`: a literal, or the unquoted word someone wrote instead of a string.
    private mutating func readWord() -> String {
        let start = offset
        while offset < bytes.count, Self.isWordByte(bytes[offset]) { offset += 1 }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"): true
        default: false
        }
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private static func codePoint(_ value: UInt32) -> String { "U+" + hex(value) }
}
