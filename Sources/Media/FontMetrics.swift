import Foundation
import Synchronization

/// The one font metric the caption layout needs, read straight from an OpenType/TrueType file.
///
/// libass sizes a font so that its Windows ascent + descent (`OS/2.usWinAscent + usWinDescent`), not its
/// em square, equals the ASS `Fontsize`. For League Spartan that height is 1.49 em, so an ASS size of 84
/// would draw 56 px letters. Knowing the ratio lets ``CaptionStyle/fontSize`` mean the em size in pixels.
public enum FontMetrics {
    /// Ratios already read, by path: every job's captions ask for the same font.
    private static let cache = Mutex<[String: Double]>([:])

    /// `(usWinAscent + usWinDescent) / unitsPerEm` (falling back to `hhea` ascender − descender), or nil
    /// when the file is not a readable sfnt font.
    public static func libassHeightRatio(fontFile: URL) -> Double? {
        if let known = cache.withLock({ $0[fontFile.path] }) { return known }
        let ratio = readHeightRatio(fontFile)
        if let ratio { cache.withLock { $0[fontFile.path] = ratio } }
        return ratio
    }

    private static func readHeightRatio(_ fontFile: URL) -> Double? {
        guard let data = try? Data(contentsOf: fontFile, options: .mappedIfSafe) else { return nil }
        let bytes = [UInt8](data.prefix(1 << 20))
        func u16(_ offset: Int) -> Int? {
            guard offset >= 0, offset + 2 <= bytes.count else { return nil }
            return Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
        }
        func s16(_ offset: Int) -> Int? { u16(offset).map { $0 >= 0x8000 ? $0 - 0x10000 : $0 } }
        func u32(_ offset: Int) -> Int? {
            guard let high = u16(offset), let low = u16(offset + 2) else { return nil }
            return high << 16 | low
        }
        guard let tableCount = u16(4) else { return nil }
        var tables: [String: Int] = [:]
        for index in 0..<tableCount {
            let record = 12 + 16 * index
            guard record + 16 <= bytes.count, let offset = u32(record + 8) else { return nil }
            let tag = String(decoding: bytes[record..<record + 4], as: UTF8.self)
            tables[tag] = offset
        }
        guard let head = tables["head"], let unitsPerEm = u16(head + 18), unitsPerEm > 0 else { return nil }
        if let os2 = tables["OS/2"], let ascent = u16(os2 + 74), let descent = u16(os2 + 76), ascent + descent > 0 {
            return Double(ascent + descent) / Double(unitsPerEm)
        }
        if let hhea = tables["hhea"], let ascender = s16(hhea + 4), let descender = s16(hhea + 6), ascender - descender > 0 {
            return Double(ascender - descender) / Double(unitsPerEm)
        }
        return nil
    }
}
