import Foundation
import JobDocuments
import ProjectModel
import Testing
@testable import Media

@Suite struct FilterGraphEscapingTests {
    @Test func escapesOptionLevel() {
        #expect(FilterGraphEscaping.optionValue("C:\\it's") == "C\\:\\\\it\\'s")
        #expect(FilterGraphEscaping.optionValue(" padded ") == "\\ padded\\ ")
        #expect(FilterGraphEscaping.optionValue("/plain/path.ass") == "/plain/path.ass")
    }

    @Test func escapesGraphLevel() {
        #expect(FilterGraphEscaping.graph("a,b;c[d]e\\f'g:h") == "a\\,b\\;c\\[d\\]e\\\\f\\'g:h")
    }

    @Test func bothLevelsMatchFFmpegDocumentation() {
        // ffmpeg-filters(1), "Notes on filtergraph escaping".
        let value = "this is a 'string': may contain one, or more, special characters"
        #expect(FilterGraphEscaping.filterValue(value)
            == "this is a \\\\\\'string\\\\\\'\\\\: may contain one\\, or more\\, special characters")
    }

    /// A captions file whose folder and name contain every character that matters, burned by real ffmpeg.
    @Test func realFFmpegReadsAnAwkwardPath() async throws {
        let base = try Fixtures.directory()
        defer { Fixtures.remove(base) }
        let folder = base.appendingPathComponent("it's: a, [we;ird] d\\ir", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let captions = folder.appendingPathComponent("cap's:,[1];.ass")
        var style = CaptionStyle.forPack(.named("facts")!, width: 320, height: 568)
        style.highlightScale = 1
        let words = [TimedWord(text: "Hello", start: 0, end: 1, scene: 0), TimedWord(text: "world", start: 1, end: 2, scene: 0)]
        try ASSCaptionWriter.document(words: words, style: style, width: 320, height: 568, endTime: 2)
            .write(to: captions, atomically: true, encoding: .utf8)

        func frame(withCaptions: Bool) async throws -> Data {
            var filter = "[0:v]format=yuv420p"
            if withCaptions {
                filter += ",ass=filename=" + FilterGraphEscaping.filterValue(captions.path)
                if let fonts = style.fontsDirectory { filter += ":fontsdir=" + FilterGraphEscaping.filterValue(fonts.path) }
            }
            let raw = base.appendingPathComponent(withCaptions ? "with.gray" : "without.gray")
            try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "color=c=gray:s=320x568:d=1", "-filter_complex", filter + "[v]",
                                       "-map", "[v]", "-ss", "0.5", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
            return try Data(contentsOf: raw)
        }
        let plain = try await frame(withCaptions: false)
        let captioned = try await frame(withCaptions: true)
        #expect(Fixtures.difference(plain, captioned) > 0.5, "the captions should have been drawn")
    }
}
