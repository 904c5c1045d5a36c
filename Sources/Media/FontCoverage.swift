import Foundation
import Synchronization

/// Which characters a font file has a glyph for, from its `cmap` table (formats 4 and 12).
///
/// The caption writer asks it before drawing a word in a face: libass would otherwise fall back to
/// whatever fontconfig offers, glyph by glyph, and log "Glyph … not found" — or draw an empty box
/// when nothing has it.
public struct FontCoverage: Sendable, Hashable {
    /// Sorted, non-overlapping ranges of covered code points.
    let ranges: [ClosedRange<UInt32>]

    /// Coverages already read, by path: every caption of every job asks about the same few files.
    private static let cache = Mutex<[String: FontCoverage]>([:])

    /// The coverage of the font at `url`, or nil when it is not a readable font with a Unicode cmap.
    public static func of(fontFile url: URL) -> FontCoverage? {
        if let known = cache.withLock({ $0[url.path] }) { return known }
        guard let file = FontFile(url), let coverage = FontCoverage(file) else { return nil }
        cache.withLock { $0[url.path] = coverage }
        return coverage
    }

    public func covers(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value { low = middle + 1 }
            else if ranges[middle].lowerBound > value { high = middle - 1 }
            else { return true }
        }
        return false
    }

    /// Whether every visible character of `text` has a glyph (spaces and invisible format
    /// characters such as U+200F need none).
    public func covers(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .format || covers(scalar)
        }
    }

    init(ranges: [ClosedRange<UInt32>]) {
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    init?(_ file: FontFile) {
        guard let cmap = file.tables["cmap"], let count = file.u16(cmap + 2) else { return nil }
        // The best Unicode subtable: format 12 (full repertoire) over format 4 (BMP).
        var best: (format: Int, offset: Int)?
        for index in 0..<count {
            let record = cmap + 4 + 8 * index
            guard let platform = file.u16(record), let encoding = file.u16(record + 2),
                  let offset = file.u32(record + 4), let format = file.u16(cmap + offset) else { continue }
            let unicode = platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
            guard unicode, format == 4 || format == 12 else { continue }
            if best == nil || format > best!.format { best = (format, cmap + offset) }
        }
        guard let best else { return nil }
        var ranges: [ClosedRange<UInt32>] = []
        if best.format == 12 {
            guard let groups = file.u32(best.offset + 12) else { return nil }
            for group in 0..<groups {
                let at = best.offset + 16 + 12 * group
                guard let start = file.u32(at), let end = file.u32(at + 4), let glyph = file.u32(at + 8), end >= start else { break }
                if glyph != 0 || end > start { ranges.append(UInt32(start)...UInt32(end)) }
            }
        } else {
            guard let doubled = file.u16(best.offset + 6) else { return nil }
            let segments = doubled / 2
            let ends = best.offset + 14
            let starts = ends + doubled + 2
            let deltas = starts + doubled
            let rangeOffsets = deltas + doubled
            for segment in 0..<segments {
                guard let end = file.u16(ends + 2 * segment), let start = file.u16(starts + 2 * segment),
                      let delta = file.u16(deltas + 2 * segment), let rangeOffset = file.u16(rangeOffsets + 2 * segment),
                      end >= start, start != 0xFFFF else { continue }
                if rangeOffset == 0 {
                    // Every code point maps to (code + delta) mod 65536; glyph 0 is "missing".
                    for code in start...end where (code + delta) & 0xFFFF != 0 {
                        ranges.append(UInt32(code)...UInt32(code))
                    }
                } else {
                    for code in start...end {
                        let at = rangeOffsets + 2 * segment + rangeOffset + 2 * (code - start)
                        if let glyph = file.u16(at), glyph != 0 { ranges.append(UInt32(code)...UInt32(code)) }
                    }
                }
            }
        }
        self.init(ranges: ranges)
    }
}
