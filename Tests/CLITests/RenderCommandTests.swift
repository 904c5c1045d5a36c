import Foundation
import Testing

/// `tiktok-ai render FILE --out DIR`: a full-size video, checked the way a person would check it.
@Suite("render: one project in the foreground", .serialized)
struct RenderCommandTests {
    @Test("a full-size render is 1080x1920 H.264 High yuv420p 30 fps with audible AAC speech, as long as the voice plus the tail")
    func fullSizeRender() async throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "render-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let project = work.appending(path: "octopus.json")
        try Data(#"{"topic": "Why octopuses have three hearts", "niche": "facts", "targetSeconds": 15}"#.utf8).write(to: project)
        let out = work.appending(path: "out")
        let result = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let video = out.appending(path: "video.mp4")
        #expect(result.stdout.contains(video.path))

        let streams = try CLIHarness.probe(video)
        let videoStream = try #require(streams.first { $0["codec_type"] as? String == "video" })
        #expect(videoStream["codec_name"] as? String == "h264")
        #expect(videoStream["profile"] as? String == "High")
        #expect(videoStream["pix_fmt"] as? String == "yuv420p")
        #expect(videoStream["width"] as? Int == 1080 && videoStream["height"] as? Int == 1920)
        #expect(videoStream["avg_frame_rate"] as? String == "30/1")
        let audioStream = try #require(streams.first { $0["codec_type"] as? String == "audio" })
        #expect(audioStream["codec_name"] as? String == "aac")
        #expect(audioStream["sample_rate"] as? String == "48000")

        // Duration: the voice-over plus the tail (1 s by default), within half a second.
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        let voice = try #require(timings["voiceSeconds"] as? Double)
        let format = try CLIHarness.run("/usr/bin/ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", video.path])
        let duration = try #require(Double(format.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(abs(duration - (voice + 1.0)) <= 0.5, "video \(duration) s, voice \(voice) s")

        // Speech is audible: no silence longer than 1.5 s inside the narration.
        let silence = try CLIHarness.run("/usr/bin/ffmpeg", ["-hide_banner", "-nostats", "-i", video.path, "-af", "silencedetect=n=-50dB:d=1.5", "-f", "null", "-"])
        let silentStretches = silence.stderr.components(separatedBy: "silence_start:").count - 1
        #expect(silentStretches == 0, "\(silence.stderr.suffix(600))")

        // The status and export files a script reads.
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect(status["state"] as? String == "done")
        #expect((status["steps"] as? [[String: Any]])?.count == 8)
        // The facts pack's mood is a built-in one: no library outside a spool, so a generated bed.
        #expect(status["providers"] as? [String: String] == ["plan": "template", "voice": "espeak-ng", "align": "speech",
                                                            "images": "painter", "music": "generated", "render": "ffmpeg", "finalize": "template"], "\(status)")
        let export = try #require(CLIHarness.readJSON(out.appending(path: "export.json")))
        #expect((export["hashtags"] as? [String])?.isEmpty == false)
        #expect(FileManager.default.fileExists(atPath: out.appending(path: "thumb.jpg").path))

        // Rendering again resumes: every step is already complete and is skipped.
        let again = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", out.path])
        #expect(again.status == 0)
        let cached = (CLIHarness.readJSON(out.appending(path: "status.json"))?["steps"] as? [[String: Any]])?.filter { $0["cached"] as? Bool == true }
        #expect(cached?.count == 8)
    }

    @Test("the project's own images are used as they are, and status.json says so (images: project)")
    func ownImages() throws {
        let examples = CLIHarness.packageRoot.appending(path: "examples")
        let work = FileManager.default.temporaryDirectory.appending(path: "render-own-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        // The example, smaller so it renders in seconds; its images are found beside the project file.
        let original = try String(contentsOf: examples.appending(path: "simple-rules.json"), encoding: .utf8)
        let small = original.replacingOccurrences(of: #""render": {"#, with: #""render": {"size": "360x640", "#)
        try FileManager.default.copyItem(at: examples.appending(path: "assets"), to: work.appending(path: "assets"))
        let project = work.appending(path: "simple-rules.json")
        try Data(small.utf8).write(to: project)
        let out = work.appending(path: "out")
        let result = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        let providers = status["providers"] as? [String: String]
        #expect(providers?["images"] == "project" && providers?["music"] == "generated" && providers?["plan"] == "template", "\(status)")
    }

    @Test("an invalid project is refused with the field named and exit 65")
    func invalidProject() throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "render-bad-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let project = work.appending(path: "bad.json")
        try Data(#"{"topic": "x", "tempo": "warp"}"#.utf8).write(to: project)
        let result = try CLIHarness.run(CLIHarness.binary.path, ["render", project.path, "--out", work.appending(path: "out").path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("tempo: 'warp' is not one of slow, normal, fast"))
    }
}
