import Foundation
import Testing
@testable import Media

@Suite struct StillImageTests {
    @Test func convertsPPMToScaledPNG() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let ppm = directory.appendingPathComponent("scene.ppm")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=648x1152:d=1", "-frames:v", "1", "-update", "1", ppm.path])
        let png = directory.appendingPathComponent("scene_01.png")
        try await StillImage.convert(ppm, to: png, width: 1296, height: 2304)
        let info = try await MediaProbe.probe(png)
        #expect(info.videoStreams.first?.codec == "png")
        #expect(info.videoStreams.first?.width == 1296 && info.videoStreams.first?.height == 2304)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("scene_01.tmp.png").path))
    }

    @Test(arguments: ["jpg", "webp", "png"])
    func normalizesUserImagesToCover(ext: String) async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let photo = directory.appendingPathComponent("photo.\(ext)")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "mandelbrot=s=800x600", "-frames:v", "1", "-update", "1", photo.path])
        let png = directory.appendingPathComponent("scene.png")
        try await StillImage.normalize(userImage: photo, to: png, width: 1080, height: 1920)
        let info = try await MediaProbe.probe(png)
        #expect(info.videoStreams.first?.width == 1080 && info.videoStreams.first?.height == 1920)
    }

    @Test func missingImageIsAClearError() async {
        await #expect(throws: MediaError.self) {
            try await StillImage.convert(URL(fileURLWithPath: "/nope/x.ppm"), to: URL(fileURLWithPath: "/tmp/x.png"))
        }
    }
}

@Suite struct MediaProbeTests {
    @Test func parsesFFprobeJSON() throws {
        let json = """
            {"streams":[{"index":0,"codec_name":"h264","profile":"High","codec_type":"video","width":1080,"height":1920,
            "pix_fmt":"yuv420p","avg_frame_rate":"30000/1001","duration":"6.000000"},
            {"index":1,"codec_name":"aac","codec_type":"audio","sample_rate":"48000","channels":2,"duration":"6.001000"}],
            "format":{"format_name":"mov,mp4,m4a,3gp,3g2,mj2","duration":"6.016000","size":"1234567"}}
            """
        let info = try MediaProbe.parse(json: Data(json.utf8))
        #expect(info.duration == 6.016 && info.sizeBytes == 1_234_567)
        #expect(abs(info.videoStreams[0].frameRate - 29.97) < 0.01)
        #expect(info.audioStreams[0].sampleRate == 48000 && info.audioStreams[0].channels == 2)
        #expect(VideoVerifier.streamProblems(info, expectedDuration: 6, tolerance: 0.5, width: 1080, height: 1920, fps: 30).isEmpty)
        #expect(throws: MediaError.self) { try MediaProbe.parse(json: Data("not json".utf8)) }
    }

    @Test func verifierNamesEveryProblem() {
        let info = MediaInfo(duration: 9, sizeBytes: 300 * 1_048_576, formatName: "matroska,webm",
                             videoStreams: [.init(codec: "vp9", profile: nil, width: 720, height: 1280, pixelFormat: "yuv444p", frameRate: 25, duration: nil)],
                             audioStreams: [])
        let problems = VideoVerifier.streamProblems(info, expectedDuration: 6, tolerance: 0.5, width: 1080, height: 1920, fps: 30)
        #expect(problems.count == 9, "\(problems)")
    }

    @Test func probeOfMissingFileThrows() async {
        await #expect(throws: MediaError.self) { _ = try await MediaProbe.probe(URL(fileURLWithPath: "/no/such.mp4")) }
    }
}

@Suite struct ToolLocatorTests {
    @Test func honoursConfiguredPaths() throws {
        let ffmpeg = try ToolLocator.ffmpeg()
        #expect(ffmpeg.hasPrefix("/"))
        #expect(throws: MediaError.self) { try ToolLocator.ffmpeg(.init(ffmpeg: "/nope/ffmpeg")) }
        #expect(throws: MediaError.self) { try ToolLocator.ffmpeg(.init(searchPath: "/nonexistent")) }
        // ffprobe beside an explicitly configured ffmpeg, with nothing on PATH.
        #expect(try ToolLocator.ffprobe(.init(ffmpeg: ffmpeg, searchPath: "/nonexistent"))
            == URL(fileURLWithPath: ffmpeg).deletingLastPathComponent().appendingPathComponent("ffprobe").path)
        #expect(try ToolLocator.ffprobe(.init(ffprobe: "/bin/true")) == "/bin/true")
    }

    @Test func reportsVersion() async throws {
        #expect(try await ToolLocator.ffmpegVersion().hasPrefix("ffmpeg version"))
    }

    @Test func errorMessagesAreReadable() {
        let failed = MediaError.processFailed(tool: "ffmpeg", exitCode: 1, stderrTail: "noise\n[in] Error opening file x.png: No such file\nConversion failed!\n")
        #expect(failed.description == "ffmpeg exited with status 1: noise | [in] Error opening file x.png: No such file | Conversion failed!")
        #expect(MediaError.processFailed(tool: "ffmpeg", exitCode: 137, stderrTail: "").description == "ffmpeg was killed by signal 9")
        #expect(MediaError.timedOut(tool: "ffmpeg", after: .seconds(300)).description == "ffmpeg did not finish within 300 s and was stopped")
    }
}
