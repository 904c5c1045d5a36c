import Foundation
import JobDocuments
import Languages
import ProjectModel
import Synchronization
import Testing
@testable import Media

/// Captions in every script the examples use, drawn by libass as the render draws them: every glyph
/// found in the face we named, right-to-left lines in order, and a highlighted word shaped exactly
/// as the same word without the highlight.
@Suite struct ScriptCaptionTests {
    /// One line per language of acceptance: a sentence of each, split into its caption words.
    static let lines: [(language: String, text: String)] = [
        ("de", "Größer geht’s kaum: drei Herzen!"),
        ("es", "¿Sabías que el pulpo tiene tres corazones?"),
        ("ru", "У осьминога три сердца и голубая кровь"),
        ("ar", "للأخطبوط ثلاثة قلوب ودم أزرق"),
        ("he", "לתמנון יש שלושה לבבות ודם כחול"),
        ("hi", "ऑक्टोपस के तीन दिल होते हैं"),
        ("th", "ปลาหมึกยักษ์มีหัวใจสามดวง"),
        ("zh", "章鱼有三颗心脏，血是蓝色的。"),
        ("ja", "タコには心臓が三つあります。"),
        ("ko", "문어는 심장이 세 개입니다"),
    ]

    static func style(_ language: String) throws -> CaptionStyle {
        CaptionStyle.forPack(try #require(NichePack.named(NichePack.defaultID)), width: 1080, height: 1920,
                             language: try LanguageTag(parsing: language))
    }

    /// Caption words for `text`, half a second each, as the voice step would time them.
    static func words(_ text: String) -> [TimedWord] {
        OverlayLayout.words(text).enumerated().map { index, word in
            TimedWord(text: word, start: Double(index) * 0.5, end: Double(index) * 0.5 + 0.45, scene: 0)
        }
    }

    /// Draws `document` at `second` over a grey frame; returns ffmpeg's verbose log lines.
    static func draw(_ document: String, at second: Double, to png: URL, in directory: URL, name: String = "captions") async throws -> [String] {
        let ass = directory.appendingPathComponent("\(name).ass")
        try Data(document.utf8).write(to: ass)
        let lines = Mutex<[String]>([])
        let fonts = CaptionStyle.defaultFontsDirectory?.path ?? "/usr/share/fonts"
        let filter = "ass=filename=\(FilterGraphEscaping.filterValue(ass.path)):fontsdir=\(FilterGraphEscaping.filterValue(fonts))"
        let result = try await ProcessRunner.run(try ToolLocator.ffmpeg(), [
            "-hide_banner", "-nostdin", "-y", "-v", "verbose",
            "-f", "lavfi", "-i", "color=c=0x404040:s=1080x1920:d=\(second + 1)",
            "-ss", String(second), "-vf", filter, "-frames:v", "1", "-update", "1", png.path,
        ], timeout: .seconds(60), onStderrLine: { line in lines.withLock { $0.append(line) } })
        #expect(result.termination == .exited(0), "ffmpeg: \(result.stderrTail)")
        return lines.withLock { $0 }
    }

    /// The frame as RGB bytes.
    static func pixels(_ png: URL) async throws -> [UInt8] {
        let raw = png.deletingPathExtension().appendingPathExtension("rgb")
        try await Fixtures.ffmpeg(["-i", png.path, "-f", "rawvideo", "-pix_fmt", "rgb24", raw.path])
        return [UInt8](try Data(contentsOf: raw))
    }

    /// Which pixels carry text (fill, outline or shadow): those that differ from the grey ground.
    static func mask(_ rgb: [UInt8]) -> [Bool] {
        stride(from: 0, to: rgb.count, by: 3).map { (index: Int) -> Bool in
            let red = abs(Int(rgb[index]) - 0x40)
            let green = abs(Int(rgb[index + 1]) - 0x40)
            let blue = abs(Int(rgb[index + 2]) - 0x40)
            return red + green + blue > 24
        }
    }

    /// Pixels in one mask but not the other, over the pixels in either.
    static func mismatch(_ a: [Bool], _ b: [Bool]) -> Double {
        var differ = 0
        var either = 0
        for index in a.indices where a[index] || b[index] {
            either += 1
            if a[index] != b[index] { differ += 1 }
        }
        return either == 0 ? 1 : Double(differ) / Double(either)
    }

    /// The font files libass opened, from its `fontselect:` lines.
    static func selectedFonts(_ log: [String]) -> [String] {
        log.compactMap { line in
            guard let range = line.range(of: "fontselect: ") else { return nil }
            return line[range.upperBound...].components(separatedBy: " -> ").last?.components(separatedBy: ",").first
        }
    }

    @Test(arguments: lines.map(\.language))
    func everyGlyphIsInTheFaceWeNamed(language: String) async throws {
        let directory = try Fixtures.directory("glyphs-\(language)")
        defer { Fixtures.remove(directory) }
        let style = try Self.style(language)
        let text = try #require(Self.lines.first { $0.language == language }).text
        let words = Self.words(text)
        let overlays = [TextOverlay(role: .title, text: text, start: 0, end: 10), TextOverlay(role: .label, text: words[0].text, start: 0, end: 10)]
        let document = ASSCaptionWriter.document(words: words, style: style, width: 1080, height: 1920, endTime: 10, overlays: overlays)
        let png = directory.appendingPathComponent("\(language).png")
        let log = try await Self.draw(document, at: 0.7, to: png, in: directory)

        let missing = log.filter { $0.contains("Glyph") && $0.contains("not found") }
        #expect(missing.isEmpty, "\(language): \(missing)")
        // Every face libass opened is one the font stack named for this text, and each has every
        // character it was given.
        let named = Set(style.fonts.runs(of: text + " " + TextCasing.uppercased(text, language: style.language)).compactMap { $0.face.file?.path }
            + [style.fonts.primary.file?.path].compactMap { $0 })
        let opened = Self.selectedFonts(log)
        #expect(!opened.isEmpty, "\(language): libass reported no font (\(log.suffix(5)))")
        // Fonts from `fontsdir` are reported by name (LeagueSpartan-Black), system ones by path.
        let names = named.union(named.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent })
        for file in opened { #expect(names.contains(file), "\(language): libass fell back to \(file); named \(named)") }
        for run in style.fonts.runs(of: text) {
            #expect(run.face.coverage?.covers(run.text) ?? false, "\(language): \(run.face.family) lacks a glyph of '\(run.text)'")
        }
        #expect(Self.mask(try await Self.pixels(png)).filter { $0 }.count > 5_000, "\(language): nothing was drawn")
    }

    /// The check above can fail: Chinese in the Latin display font makes libass hunt for glyphs.
    @Test func aFaceWithoutTheGlyphsIsCaught() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        var style = try Self.style("en")
        style.fonts = FontStack(display: style.fonts.display, language: .english)
        let document = ASSCaptionWriter.header(style: style, width: 1080, height: 1920)
            + "Dialogue: 0,0:00:00.00,0:00:05.00,Default,,0,0,0,,章鱼有三颗心脏\n"
        let log = try await Self.draw(document, at: 0.5, to: directory.appendingPathComponent("x.png"), in: directory)
        #expect(log.contains { $0.contains("Glyph") && $0.contains("not found") })
    }

    /// Draws one caption line (the page of `text`'s words) with the word at `highlighted` in the
    /// highlight colour, or none, and returns its mask.
    static func lineMask(_ text: String, language: String, highlighted: Int?, style custom: CaptionStyle? = nil,
                         in directory: URL, name: String) async throws -> (mask: [Bool], rgb: [UInt8], ass: String) {
        let style = try custom ?? Self.style(language)
        var layoutStyle = style
        layoutStyle.maxWordsPerLine = 8
        layoutStyle.maxCharactersPerLine = 80
        let words = Self.words(text).map {
            TimedWord(text: CaptionText.clean($0.text, uppercase: style.uppercase, language: style.language), start: $0.start, end: $0.end, scene: 0)
        }
        let layout = LineLayout(style: layoutStyle, width: 1080)
        let page = CaptionPage(words: words, lines: [Array(words.indices)], scale: 1)
        let line = ASSCaptionWriter.text(of: page, highlighting: highlighted ?? -1, style: style, layout: layout)
        let document = ASSCaptionWriter.header(style: style, width: 1080, height: 1920)
            + "Dialogue: 0,0:00:00.00,0:00:05.00,Default,,0,0,0,,{\\an5\\pos(540,960)}\(line)\n"
        let png = directory.appendingPathComponent("\(name).png")
        _ = try await Self.draw(document, at: 0.5, to: png, in: directory, name: name)
        let rgb = try await Self.pixels(png)
        return (Self.mask(rgb), rgb, line)
    }

    /// Mean x of the pixels drawn in the highlight colour (yellow-ish: red and green high, blue low).
    static func highlightCentre(_ rgb: [UInt8]) -> Double? {
        var sum = 0.0
        var count = 0
        for index in stride(from: 0, to: rgb.count, by: 3) where rgb[index] > 180 && rgb[index + 1] > 150 && rgb[index + 2] < 90 {
            sum += Double((index / 3) % 1080)
            count += 1
        }
        return count > 50 ? sum / Double(count) : nil
    }

    @Test(arguments: [
        ("ar", "للأخطبوط ثلاثة قلوب", 1),
        ("ar", "للأخطبوط ثلاثة TikTok قلوب", 2),
        ("ar", "للأخطبوط ثلاثة TikTok قلوب", 1),
        ("he", "לתמנון יש שלושה לבבות", 2),
    ])
    func aHighlightedRightToLeftWordIsShapedAsWithoutTheHighlight(language: String, text: String, highlighted: Int) async throws {
        let directory = try Fixtures.directory("rtl-\(language)-\(highlighted)")
        defer { Fixtures.remove(directory) }
        let plain = try await Self.lineMask(text, language: language, highlighted: nil, in: directory, name: "plain")
        let lit = try await Self.lineMask(text, language: language, highlighted: highlighted, in: directory, name: "lit")
        #expect(lit.ass.contains("\\1c"), "the line has a highlight: \(lit.ass)")
        let difference = Self.mismatch(plain.mask, lit.mask)
        #expect(difference < 0.01, "\(language) '\(text)' word \(highlighted): \(String(format: "%.2f", difference * 100)) % of the glyph mask differs")
    }

    /// The comparison above can fail: the enlarged, letter-spaced highlight (what Latin captions use)
    /// breaks Arabic joining and moves the line.
    @Test func theLatinHighlightWouldBreakArabic() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        var scaled = try Self.style("ar")
        scaled.highlightScale = 1.1
        let plain = try await Self.lineMask("للأخطبوط ثلاثة قلوب", language: "ar", highlighted: nil, style: scaled, in: directory, name: "plain")
        let lit = try await Self.lineMask("للأخطبوط ثلاثة قلوب", language: "ar", highlighted: 1, style: scaled, in: directory, name: "lit")
        #expect(Self.mismatch(plain.mask, lit.mask) > 0.05)
    }

    /// Right to left: the first word of an Arabic line is drawn on the right, the last on the left,
    /// with an English word in the middle keeping its place.
    @Test func rightToLeftLinesRunFromTheRight() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let text = "للأخطبوط ثلاثة TikTok قلوب"
        var centres: [Double] = []
        for word in 0..<4 {
            let drawn = try await Self.lineMask(text, language: "ar", highlighted: word, in: directory, name: "w\(word)")
            centres.append(try #require(Self.highlightCentre(drawn.rgb), "word \(word) has no highlight pixels"))
        }
        #expect(centres == centres.sorted(by: >), "centres from the first word to the last: \(centres)")
    }
}
