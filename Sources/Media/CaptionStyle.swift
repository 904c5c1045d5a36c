import Foundation
import Languages
import ProjectModel

/// How burned-in captions look and where they sit.
///
/// Sizes are pixels of the output frame (the ASS file uses `PlayResX/Y` = the frame size). The defaults
/// keep captions inside TikTok's safe area: above the bottom 20 % (description and music ticker), left
/// of the right-hand button column (~15 % of the width), and below the top 10 %.
public struct CaptionStyle: Sendable, Hashable {
    /// The family name libass looks up (in ``fontsDirectory`` first, then fontconfig).
    public var fontFamily: String
    /// Passed to the `ass` filter as `fontsdir`, so the render does not depend on fontconfig fallback.
    public var fontsDirectory: URL? {
        didSet { fonts.display.file = fontsDirectory?.appendingPathComponent(Self.defaultFontFile) }
    }
    /// The em size in pixels.
    public var fontSize: Int
    /// ASS `Fontsize` ÷ em size for this font (see ``FontMetrics``).
    public var fontHeightRatio: Double
    /// Average advance of one rendered character, in ems, for estimating line widths.
    public var averageAdvance: Double
    /// Advance of a space, in ems.
    public var spaceAdvance: Double
    public var primaryColor: RGBColor
    /// The colour of the word being spoken.
    public var highlightColor: RGBColor
    public var outlineColor: RGBColor
    public var outlineWidth: Double
    /// Drop shadow depth in pixels (semi-transparent black).
    public var shadowDepth: Double
    /// At most this many words on a line, and on a page.
    public var maxWordsPerLine: Int
    public var maxCharactersPerLine: Int
    /// Lines per page (1 or 2). One line reads fastest and keeps the highlight moving left to right;
    /// with 2, a page that does not fit one line is split where its lines come out most even.
    public var maxLines: Int
    /// Render the words in capitals (the usual short-video look).
    public var uppercase: Bool
    /// The spoken word is drawn this much larger, for punch (1 = same size).
    public var highlightScale: Double
    public var marginLeft: Int
    public var marginRight: Int
    /// Distance from the bottom edge of the frame to the bottom of the caption block.
    public var marginBottom: Int
    /// The video's language: its case rules, its direction, and which faces draw its script.
    public var language: LanguageTag = .english
    /// The faces per script; ``fontFamily`` is its primary face's family.
    public var fonts: FontStack

    /// Whether the language is written right to left: then every line is a right-to-left paragraph.
    public var isRightToLeft: Bool { language.script?.isRightToLeft ?? false }

    public init(
        fontFamily: String, fontsDirectory: URL?, fontSize: Int, fontHeightRatio: Double,
        averageAdvance: Double, spaceAdvance: Double, primaryColor: RGBColor, highlightColor: RGBColor,
        outlineColor: RGBColor, outlineWidth: Double, shadowDepth: Double, maxWordsPerLine: Int,
        maxCharactersPerLine: Int, maxLines: Int, uppercase: Bool, highlightScale: Double,
        marginLeft: Int, marginRight: Int, marginBottom: Int
    ) {
        self.fontFamily = fontFamily
        self.fontsDirectory = fontsDirectory
        self.fontSize = fontSize
        self.fontHeightRatio = fontHeightRatio
        self.averageAdvance = averageAdvance
        self.spaceAdvance = spaceAdvance
        self.primaryColor = primaryColor
        self.highlightColor = highlightColor
        self.outlineColor = outlineColor
        self.outlineWidth = outlineWidth
        self.shadowDepth = shadowDepth
        self.maxWordsPerLine = maxWordsPerLine
        self.maxCharactersPerLine = maxCharactersPerLine
        self.maxLines = maxLines
        self.uppercase = uppercase
        self.highlightScale = highlightScale
        self.marginLeft = marginLeft
        self.marginRight = marginRight
        self.marginBottom = marginBottom
        self.fonts = FontStack(display: FontFace(family: fontFamily, file: fontsDirectory?.appendingPathComponent(Self.defaultFontFile)),
                               language: .english)
    }

    /// The face named in the style: the primary face of ``fonts``.
    var primaryFace: FontFace { FontFace(family: fontFamily, file: fonts.primary.file) }

    /// The family of `LeagueSpartan-Black.otf` as libass resolves it (`fontselect: (League Spartan Black,
    /// 700, 0) -> LeagueSpartan-Black`).
    public static let defaultFontFamily = "League Spartan Black"
    static let defaultFontFile = "LeagueSpartan-Black.otf"

    /// Where Debian's `fonts-league-spartan` puts the font, when it is installed.
    public static var defaultFontsDirectory: URL? {
        ["/usr/share/fonts/opentype/league-spartan", "/usr/share/fonts/truetype/league-spartan"]
            .map { URL(fileURLWithPath: $0, isDirectory: true) }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent(defaultFontFile).path) }
    }

    /// The look for a niche pack at a frame size: League Spartan Black, 84 px at 1080 wide (scaled with
    /// the width), a 6 px black outline, the pack's caption colours.
    ///
    /// In another `language`, the faces are those of its script (``FontStack``: the display font
    /// stays for Latin it covers), capitals only where the script has case, and the spoken word is
    /// enlarged only in scripts whose letters stand alone (``Script/highlightMayScale``); scripts
    /// written without spaces get a word more per line, their words being short.
    public static func forPack(
        _ pack: NichePack, width: Int, height: Int,
        fontsDirectory: URL? = CaptionStyle.defaultFontsDirectory, language: LanguageTag = .english
    ) -> CaptionStyle {
        let unit = Double(width) / 1080
        let fontSize = Int((84 * unit).rounded())
        let display = FontFace(family: defaultFontFamily, file: fontsDirectory?.appendingPathComponent(defaultFontFile))
        let fonts = FontStack(display: display, language: language)
        let primary = fonts.primary
        let usesDisplay = primary == display
        let ratio = usesDisplay ? (display.file.flatMap { FontMetrics.libassHeightRatio(fontFile: $0) } ?? 1.49) : primary.heightRatio
        let marginSide = Int((Double(width) * 0.16).rounded())
        // League Spartan Black capitals average 0.62 em (weighted by English letter frequency);
        // Noto Sans Bold's are wider.
        let averageAdvance = usesDisplay ? 0.62 : 0.68
        let available = Double(width - 2 * marginSide)
        let script = language.script ?? .latin
        var style = CaptionStyle(
            fontFamily: primary.family,
            fontsDirectory: fontsDirectory,
            fontSize: fontSize,
            fontHeightRatio: ratio,
            averageAdvance: averageAdvance,
            spaceAdvance: 0.28,
            primaryColor: pack.captionPrimary,
            highlightColor: pack.captionHighlight,
            outlineColor: RGBColor(red: 0, green: 0, blue: 0),
            outlineWidth: max(2, (6 * unit).rounded()),
            shadowDepth: max(1, (3 * unit).rounded()),
            maxWordsPerLine: script.writesWithoutSpaces ? 4 : 3,
            maxCharactersPerLine: max(6, Int(available / (Double(fontSize) * 0.55))),
            maxLines: 1,
            uppercase: true,
            highlightScale: script.highlightMayScale ? 1.1 : 1,
            marginLeft: marginSide,
            marginRight: marginSide,
            marginBottom: Int((Double(height) * 0.27).rounded())
        )
        style.language = language
        style.fonts = fonts
        return style
    }

    /// The styles' `Encoding` field: libass lays every line out left to right unless it is -1, which
    /// makes it take the direction from the line's first strong character.
    var assEncoding: Int { isRightToLeft ? -1 : 1 }

    /// The ASS `Fontsize` that draws ``fontSize``-pixel ems under libass.
    public var assFontSize: Int { Int((Double(fontSize) * fontHeightRatio).rounded()) }

    /// The height libass gives one line of text, in pixels.
    public var lineHeight: Double { Double(assFontSize) }
}
