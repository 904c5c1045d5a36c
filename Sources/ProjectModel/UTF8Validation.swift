/// Well-formed UTF-8 (RFC 3629), checked on raw bytes without building a `String`.
///
/// Guarantees: a sequence is accepted exactly when the Unicode standard's table of well-formed byte
/// sequences allows it, so overlong forms, encoded surrogates (U+D800–U+DFFF) and anything above
/// U+10FFFF are refused.
enum UTF8Validation {
    /// The length (1–4) of the well-formed sequence that starts at `offset`, or nil when the bytes
    /// there are not one (a stray continuation byte, a truncated or overlong sequence, …).
    static func sequenceLength(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Int? {
        let lead = bytes[offset]
        if lead < 0x80 { return 1 }
        // The lead byte fixes the length and the range of the second byte (Unicode 15, table 3-7);
        // every later byte is a plain continuation byte 0x80–0xBF.
        let length: Int
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; second = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; second = 0x80...0x9F
        case 0xF0: length = 4; second = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; second = 0x80...0x8F
        default: return nil
        }
        guard offset + length <= bytes.count, second.contains(bytes[offset + 1]) else { return nil }
        for index in offset + 2 ..< offset + length where !(0x80...0xBF).contains(bytes[index]) {
            return nil
        }
        return length
    }

    /// Whether all of `bytes` is well-formed UTF-8.
    static func isValid(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            guard let length = sequenceLength(in: bytes, at: offset) else { return false }
            offset += length
        }
        return true
    }
}
