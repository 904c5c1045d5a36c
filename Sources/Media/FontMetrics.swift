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
        guard let file = FontFile(fontFile) else { return nil }
        guard let head = file.tables["head"], let unitsPerEm = file.u16(head + 18), unitsPerEm > 0 else { return nil }
        if let os2 = file.tables["OS/2"], let ascent = file.u16(os2 + 74), let descent = file.u16(os2 + 76), ascent + descent > 0 {
            return Double(ascent + descent) / Double(unitsPerEm)
        }
        if let hhea = file.tables["hhea"], let ascender = file.s16(hhea + 4), let descender = file.s16(hhea + 6), ascender - descender > 0 {
            return Double(ascender - descender) / Double(unitsPerEm)
        }
        return nil
    }
}
