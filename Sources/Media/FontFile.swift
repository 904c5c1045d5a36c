import Foundation

/// The tables of one OpenType/TrueType face, read straight from its file: enough to know a face's
/// line height (``FontMetrics``) and which characters it has (``FontCoverage``).
///
/// A collection (`.ttc`, as Noto CJK ships) holds several faces; the first is read, which is the one
/// whose glyph coverage all the faces of Noto's CJK collections share.
struct FontFile {
    let bytes: [UInt8]
    /// Table tag → offset of the table in ``bytes``.
    let tables: [String: Int]

    init?(_ url: URL) {
        guard let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        self.init(bytes: [UInt8](data))
    }

    init?(bytes: [UInt8]) {
        self.bytes = bytes
        var directory = 0
        if bytes.count >= 16, String(decoding: bytes[0..<4], as: UTF8.self) == "ttcf" {
            guard let first = Self.u32(bytes, 12) else { return nil }
            directory = first
        }
        guard let tableCount = Self.u16(bytes, directory + 4) else { return nil }
        var tables: [String: Int] = [:]
        for index in 0..<tableCount {
            let record = directory + 12 + 16 * index
            guard record + 16 <= bytes.count, let offset = Self.u32(bytes, record + 8) else { return nil }
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = offset
        }
        self.tables = tables
    }

    func u16(_ offset: Int) -> Int? { Self.u16(bytes, offset) }
    func s16(_ offset: Int) -> Int? { u16(offset).map { $0 >= 0x8000 ? $0 - 0x10000 : $0 } }
    func u32(_ offset: Int) -> Int? { Self.u32(bytes, offset) }

    static func u16(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard offset >= 0, offset + 2 <= bytes.count else { return nil }
        return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
    }

    static func u32(_ bytes: [UInt8], _ offset: Int) -> Int? {
        guard let high = u16(bytes, offset), let low = u16(bytes, offset + 2) else { return nil }
        return high << 16 | low
    }
}
