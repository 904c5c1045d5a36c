/// A writing system, by its ISO 15924 code, with what captions need to know about it.
///
/// The properties are facts about how text in the script is set, which the caption writer obeys:
/// a script without case is never upper-cased, a script written without spaces is cut into words by
/// ``WordSegmenter`` and shown without spaces, a right-to-left script gets a right-to-left paragraph,
/// and a script whose letters join or stack is highlighted by colour alone (libass drops shaping for
/// a run with letter spacing, which the enlarged highlight needs: "قلوب" came out as "بولق").
public enum Script: String, Sendable, Hashable, CaseIterable, Codable {
    case latin = "Latn"
    case cyrillic = "Cyrl"
    case greek = "Grek"
    case armenian = "Armn"
    case georgian = "Geor"
    case hebrew = "Hebr"
    case arabic = "Arab"
    case devanagari = "Deva"
    case bengali = "Beng"
    case gurmukhi = "Guru"
    case gujarati = "Gujr"
    case oriya = "Orya"
    case tamil = "Taml"
    case telugu = "Telu"
    case kannada = "Knda"
    case malayalam = "Mlym"
    case sinhala = "Sinh"
    case thai = "Thai"
    case lao = "Laoo"
    case khmer = "Khmr"
    case myanmar = "Mymr"
    case ethiopic = "Ethi"
    /// Chinese characters (also used by Japanese and, rarely, Korean).
    case han = "Hani"
    case hiragana = "Hira"
    case katakana = "Kana"
    case hangul = "Hang"

    /// The script for an ISO 15924 code as ICU's likely subtags give it: `Hans`/`Hant` are Han,
    /// `Jpan` (Han + kana) is read as Han, `Kore` as Hangul, `Aran` (Nastaliq) as Arabic.
    public init?(code: String) {
        switch code {
        case "Hans", "Hant", "Jpan": self = .han
        case "Kore": self = .hangul
        case "Aran": self = .arabic
        default: self.init(rawValue: code)
        }
    }

    /// Its English name (for `tiktok-ai languages`).
    public var name: String {
        switch self {
        case .latin: "Latin"
        case .cyrillic: "Cyrillic"
        case .greek: "Greek"
        case .armenian: "Armenian"
        case .georgian: "Georgian"
        case .hebrew: "Hebrew"
        case .arabic: "Arabic"
        case .devanagari: "Devanagari"
        case .bengali: "Bengali"
        case .gurmukhi: "Gurmukhi"
        case .gujarati: "Gujarati"
        case .oriya: "Oriya"
        case .tamil: "Tamil"
        case .telugu: "Telugu"
        case .kannada: "Kannada"
        case .malayalam: "Malayalam"
        case .sinhala: "Sinhala"
        case .thai: "Thai"
        case .lao: "Lao"
        case .khmer: "Khmer"
        case .myanmar: "Myanmar"
        case .ethiopic: "Ethiopic"
        case .han: "Han"
        case .hiragana: "Hiragana"
        case .katakana: "Katakana"
        case .hangul: "Hangul"
        }
    }

    /// Whether words are written in capitals and small letters. Georgian has capitals (Mtavruli)
    /// since Unicode 11, but running text never uses them, so it counts as caseless here.
    public var hasCase: Bool {
        switch self {
        case .latin, .cyrillic, .greek, .armenian: true
        default: false
        }
    }

    public var isRightToLeft: Bool { self == .hebrew || self == .arabic }

    /// Whether words run together with no space between them, so that only a dictionary finds them.
    public var writesWithoutSpaces: Bool {
        switch self {
        case .han, .hiragana, .katakana, .thai, .lao, .khmer, .myanmar: true
        default: false
        }
    }

    /// Whether a highlighted word may be drawn larger. The enlargement needs letter spacing to keep
    /// the line still, and libass sets a spaced run without shaping: fine for scripts whose letters
    /// stand alone, broken for those that join (Arabic), reorder or stack (Indic, Thai, Hebrew points).
    public var highlightMayScale: Bool {
        switch self {
        case .latin, .cyrillic, .greek, .armenian, .georgian, .han, .hiragana, .katakana, .hangul: true
        default: false
        }
    }

    /// The script of one character, or nil for characters every script shares: digits, spaces,
    /// punctuation, symbols and combining marks (they take the script of the text around them).
    public static func of(_ scalar: Unicode.Scalar) -> Script? {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) ? .latin : nil
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .spaceSeparator,
             .otherPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .connectorPunctuation, .mathSymbol, .currencySymbol,
             .modifierSymbol, .otherSymbol, .format, .control:
            return nil
        default:
            return Self.blocks.first { $0.range.contains(value) }?.script
        }
    }

    /// The Unicode blocks of each script (letters only are looked up; see ``of(_:)``).
    private static let blocks: [(range: ClosedRange<UInt32>, script: Script)] = [
        (0x00C0...0x024F, .latin), (0x1E00...0x1EFF, .latin), (0x2C60...0x2C7F, .latin), (0xA720...0xA7FF, .latin),
        (0xFF21...0xFF5A, .latin),
        (0x0370...0x03FF, .greek), (0x1F00...0x1FFF, .greek),
        (0x0400...0x052F, .cyrillic), (0x1C80...0x1C8F, .cyrillic), (0x2DE0...0x2DFF, .cyrillic), (0xA640...0xA69F, .cyrillic),
        (0x0530...0x058F, .armenian),
        (0x0590...0x05FF, .hebrew), (0xFB1D...0xFB4F, .hebrew),
        (0x0600...0x06FF, .arabic), (0x0750...0x077F, .arabic), (0x08A0...0x08FF, .arabic),
        (0xFB50...0xFDFF, .arabic), (0xFE70...0xFEFF, .arabic),
        (0x0900...0x097F, .devanagari), (0xA8E0...0xA8FF, .devanagari),
        (0x0980...0x09FF, .bengali), (0x0A00...0x0A7F, .gurmukhi), (0x0A80...0x0AFF, .gujarati),
        (0x0B00...0x0B7F, .oriya), (0x0B80...0x0BFF, .tamil), (0x0C00...0x0C7F, .telugu),
        (0x0C80...0x0CFF, .kannada), (0x0D00...0x0D7F, .malayalam), (0x0D80...0x0DFF, .sinhala),
        (0x0E00...0x0E7F, .thai), (0x0E80...0x0EFF, .lao), (0x1000...0x109F, .myanmar),
        (0x10A0...0x10FF, .georgian), (0x1C90...0x1CBF, .georgian),
        (0x1100...0x11FF, .hangul), (0x3130...0x318F, .hangul), (0xA960...0xA97F, .hangul),
        (0xAC00...0xD7AF, .hangul), (0xD7B0...0xD7FF, .hangul),
        (0x1200...0x139F, .ethiopic), (0x2D80...0x2DDF, .ethiopic),
        (0x1780...0x17FF, .khmer), (0x19E0...0x19FF, .khmer),
        (0x3040...0x309F, .hiragana), (0x30A0...0x30FF, .katakana), (0x31F0...0x31FF, .katakana),
        (0xFF66...0xFF9F, .katakana),
        (0x2E80...0x2FDF, .han), (0x3005...0x3007, .han), (0x3400...0x4DBF, .han), (0x4E00...0x9FFF, .han),
        (0xF900...0xFAFF, .han), (0x20000...0x3FFFF, .han),
    ]

    /// The script most of `text`'s letters are in, or nil when it has none.
    public static func dominant(in text: String) -> Script? {
        var counts: [Script: Int] = [:]
        for scalar in text.unicodeScalars {
            if let script = of(scalar) { counts[script, default: 0] += 1 }
        }
        return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key.rawValue > $1.key.rawValue) }?.key
    }
}
