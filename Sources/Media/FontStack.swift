import Foundation
import Languages

/// One face captions can be drawn in: the family name libass looks up, and its file when known.
public struct FontFace: Sendable, Hashable {
    public var family: String
    public var file: URL?

    public init(family: String, file: URL?) {
        self.family = family
        self.file = file
    }

    /// The characters it has; nil when its file is unknown or unreadable (then it is trusted).
    public var coverage: FontCoverage? { file.flatMap { FontCoverage.of(fontFile: $0) } }

    /// ASS `Fontsize` ÷ em size for this face (``FontMetrics``); Noto Sans' when unknown.
    public var heightRatio: Double { file.flatMap { FontMetrics.libassHeightRatio(fontFile: $0) } ?? 1.362 }
}

/// Which face draws which script, for a video's language: the pack's display font for Latin text it
/// covers, and Noto (Debian's `fonts-noto-core` and `fonts-noto-cjk`, which the Makefile installs) for
/// everything else, bold to match the display font's weight.
///
/// Han characters are drawn in the CJK face of the language, since the same code point has a
/// different shape in Chinese, Japanese and Korean: `ja` → Noto Sans CJK JP, `ko` → KR, Traditional
/// Chinese (`zh-Hant`, `zh-TW`, `zh-HK`) → TC, any other → SC.
public struct FontStack: Sendable, Hashable {
    /// The pack's display font (League Spartan Black), used for Latin characters it has.
    public var display: FontFace
    public var language: LanguageTag

    public init(display: FontFace, language: LanguageTag) {
        self.display = display
        self.language = language
    }

    /// Where Debian puts Noto.
    static let notoDirectories = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"]

    /// The Noto face for a script: `Noto Sans Arabic` in `NotoSansArabic-Bold.ttf`, and so on.
    public func noto(for script: Script?) -> FontFace {
        guard let script else { return Self.face("Noto Sans", file: "NotoSans-Bold.ttf") }
        switch script {
        case .latin, .cyrillic, .greek: return Self.face("Noto Sans", file: "NotoSans-Bold.ttf")
        case .han, .hiragana, .katakana, .hangul: return Self.face("Noto Sans CJK \(cjkRegion(for: script))", file: "NotoSansCJK-Bold.ttc")
        default:
            let name = script.name.replacingOccurrences(of: " ", with: "")
            return Self.face("Noto Sans \(script.name)", file: "NotoSans\(name)-Bold.ttf")
        }
    }

    /// The face for the video's own script: what the caption style is named after.
    public var primary: FontFace { face(for: language.script ?? .latin, text: nil) }

    /// The face that draws `text` (all of one script, or none): the display font for Latin it
    /// covers, else Noto.
    public func face(for script: Script?, text: String?) -> FontFace {
        let latin = script == .latin || (script == nil && (language.script ?? .latin) == .latin)
        guard latin else { return noto(for: script ?? language.script) }
        if let text, let coverage = display.coverage, !coverage.covers(text) { return noto(for: .latin) }
        return display
    }

    private func cjkRegion(for script: Script) -> String {
        switch script {
        case .hiragana, .katakana: return "JP"
        case .hangul: return "KR"
        default: break
        }
        switch language.language {
        case "ja": return "JP"
        case "ko": return "KR"
        case "zh", "yue":
            if language.scriptCode == "Hant" || ["TW", "HK", "MO"].contains(language.region ?? "") || language.language == "yue" {
                return "TC"
            }
            return "SC"
        default: return "SC"
        }
    }

    private static func face(_ family: String, file name: String) -> FontFace {
        let file = notoDirectories.map { URL(fileURLWithPath: $0).appendingPathComponent(name) }
            .first { FileManager.default.fileExists(atPath: $0.path) }
        return FontFace(family: family, file: file)
    }
}
