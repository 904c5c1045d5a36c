import FakeProviderServer
import Foundation
import SpoolHarness
import Testing

/// The pictures end to end, with the fake server standing in for OpenAI, ElevenLabs and Pexels:
/// which provider made each scene is in `status.json` and the scenes' records, the video passes
/// finalize's checks, the stock credits reach `export.json`, and no key is written anywhere.
@Suite("render with generated, stock and own pictures", .serialized)
struct VisualsRenderTests {
    /// Mean absolute difference of two grey frames of `video`, at `a` and `b` seconds.
    static func frameDifference(_ video: URL, _ a: Double, _ b: Double) throws -> Double {
        func frame(_ seconds: Double) throws -> [UInt8] {
            let raw = video.deletingLastPathComponent().appending(path: "frame-\(seconds).gray")
            defer { try? FileManager.default.removeItem(at: raw) }
            _ = try CLIHarness.run("/usr/bin/ffmpeg", ["-v", "error", "-y", "-ss", String(seconds), "-i", video.path, "-frames:v", "1",
                                                       "-vf", "scale=90:160", "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
            return [UInt8]((try? Data(contentsOf: raw)) ?? Data())
        }
        let (first, second) = (try frame(a), try frame(b))
        guard first.count == second.count, !first.isEmpty else { return 0 }
        return Double(zip(first, second).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(first.count)
    }

    static func scenes(_ out: URL) throws -> [[String: Any]] {
        let plan = try #require(CLIHarness.readJSON(out.appending(path: "plan.json")))
        return try #require(plan["scenes"] as? [[String: Any]])
    }

    /// Each scene's record (`images/scene_NN.json`), in scene order.
    static func records(_ out: URL, count: Int) throws -> [[String: Any]] {
        try (0..<count).map { try #require(CLIHarness.readJSON(out.appending(path: String(format: "images/scene_%02d.json", $0)))) }
    }

    @Test("plan, voice, timings and pictures all from OpenAI: each step names its provider, and the key is nowhere")
    func everythingFromOpenAI() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let work = FileManager.default.temporaryDirectory.appending(path: "openai-visuals-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let key = "sk-visuals-never-written-31415926"
        let environment = ["OPENAI_API_KEY": key, "OPENAI_BASE_URL": server.url("/v1").absoluteString, "LOG_LEVEL": "debug"]
        let (out, result) = try ChatPlanRenderTests.render(
            #"{"topic": "Why octopuses have three hearts", "niche": "science", "targetSeconds": 15, "render": {"size": "540x960"}}"#,
            in: work, environment: environment)
        #expect(result.status == 0, "\(result.stderr.suffix(3000))")

        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect(status["state"] as? String == "done", "finalize's checks passed")
        let providers = try #require(status["providers"] as? [String: String])
        #expect(providers == ["plan": "openai", "voice": "openai", "align": "whisper", "images": "openai", "music": "generated",
                              "render": "ffmpeg", "finalize": "openai"], "\(providers)")
        let scenes = try Self.scenes(out)
        let counts = try await server.counts()
        #expect(counts["POST /v1/images/generations"] == scenes.count, "one picture a scene: \(counts)")
        for record in try Self.records(out, count: scenes.count) {
            #expect(record["provider"] as? String == "openai" && record["kind"] as? String == "image" && record["credit"] == nil)
        }
        let sent = try await server.requests().filter { ($0["path"] as? String)?.hasSuffix("/images/generations") == true }
        #expect(sent.allSatisfy { ($0["json"] as? [String: Any])?["size"] as? String == "1024x1792" }, "dall-e-3's portrait size")
        let export = try #require(CLIHarness.readJSON(out.appending(path: "export.json")))
        #expect((export["credits"] as? [Any])?.isEmpty == true, "generated pictures need no credit")
        try ChatPlanRenderTests.expectNoKey(key, under: out)
        #expect(!result.stdout.contains(key) && !result.stderr.contains(key))
    }

    @Test("voice from ElevenLabs and pictures from Pexels, through the spool: a video scene, photos, credits, no key in the spool")
    func stockFootageThroughTheSpool() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let pexelsKey = "pexels-never-written-27182818"
        let elevenKey = "el-never-written-16180339"
        // The fake finds a video for most words, none for "still": scene 0 a video, scene 1 a photo.
        let project = """
        {"topic": "How waves carry energy", "niche": "science", "music": "none", "scenes": [
          {"narration": "Out at sea the wind pushes the surface, and the water starts to rise and fall in long slow rows.",
           "visual": "ocean waves rolling toward a beach"},
          {"narration": "The water itself mostly stays in place.", "visual": "a still lake at dawn"}]}
        """
        try harness.dropByRename("waves.json", Data(project.utf8))
        let environment = ["ELEVENLABS_API_KEY": elevenKey, "ELEVENLABS_BASE_URL": server.baseURL.absoluteString,
                           "PEXELS_API_KEY": pexelsKey, "PEXELS_BASE_URL": server.baseURL.absoluteString, "LOG_LEVEL": "debug"]
        let result = try harness.run(["run", "--once", "--spool", harness.spool.path], environment: environment)
        #expect(result.status == 0, "\(result.stderr.suffix(3000))")

        let out = harness.folder("done", "waves")
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect(status["state"] as? String == "done", "finalize's checks passed")
        let providers = try #require(status["providers"] as? [String: String])
        #expect(providers == ["plan": "template", "voice": "elevenlabs", "align": "speech", "images": "pexels", "music": "none",
                              "render": "ffmpeg", "finalize": "template"], "\(providers)")
        let records = try Self.records(out, count: 2)
        #expect(records.map { $0["kind"] as? String } == ["video", "image"])
        #expect(records.map { $0["file"] as? String } == ["scene_00.mp4", "scene_01.png"])
        let counts = try await server.counts()
        #expect(counts["GET /files/video-9003.mp4"] == 1, "the 1080x1920 file of the video: \(counts)")
        #expect(counts["GET /videos/search"] == 2 && counts["GET /v1/search"] == 1, "\(counts)")

        let export = try #require(CLIHarness.readJSON(out.appending(path: "export.json")))
        let credits = try #require(export["credits"] as? [[String: Any]])
        #expect(credits.map { $0["scene"] as? Int } == [0, 1])
        #expect(credits.map { $0["kind"] as? String } == ["video", "image"])
        // Ben Okafor's 2400x3600 photo covers the 1296x2304 still; Ana Ruiz's 1200x1800 would not.
        #expect(credits.map { $0["author"] as? String } == ["Chloe Martin", "Ben Okafor"])
        #expect(credits.allSatisfy { $0["source"] as? String == "Pexels" && ($0["url"] as? String)?.hasPrefix("https://www.pexels.com/") == true })

        // The video scene moves (its span is the first scene's).
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        let span = try #require((timings["scenes"] as? [[String: Any]])?.first)
        let (start, end) = (span["start"] as? Double ?? 0, span["end"] as? Double ?? 0)
        #expect(end - start > 3)
        #expect(try Self.frameDifference(out.appending(path: "video.mp4"), start + 0.5, start + 1.5) > 1, "the stock video moves")

        // Neither key in any file of the spool: job folders, logs, the index.
        try ChatPlanRenderTests.expectNoKey(pexelsKey, under: harness.spool)
        try ChatPlanRenderTests.expectNoKey(elevenKey, under: harness.spool)
        #expect(![result.stdout, result.stderr].contains { $0.contains(pexelsKey) || $0.contains(elevenKey) })
    }

    @Test("a project's own video scene renders offline: copied as it is, moving, in the one encode")
    func ownVideoScene() throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "own-video-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        try FileManager.default.createDirectory(at: work.appending(path: "clips"), withIntermediateDirectories: true)
        let clip = work.appending(path: "clips/waves.mov")
        // Landscape, 2 s, with a tone the video must not carry.
        let made = try CLIHarness.run("/usr/bin/ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2",
                                                          "-f", "lavfi", "-i", "sine=frequency=900:d=2", "-c:v", "libx264",
                                                          "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip.path])
        #expect(made.status == 0, "\(made.stderr)")
        let (out, result) = try ChatPlanRenderTests.render("""
            {"topic": "Waves", "niche": "science", "music": "none", "render": {"size": "360x640"}, "scenes": [
              {"narration": "Waves look like moving water."},
              {"narration": "What travels is energy, passed along from one bit of water to the next.", "video": "clips/waves.mov"}]}
            """, in: work, environment: [:])
        #expect(result.status == 0, "\(result.stderr.suffix(3000))")
        let status = try #require(CLIHarness.readJSON(out.appending(path: "status.json")))
        #expect(status["state"] as? String == "done")
        let images = (status["providers"] as? [String: String])?["images"] ?? ""
        #expect(images.components(separatedBy: ", ").sorted() == ["painter", "project"], "\(images)")
        let record = try #require(CLIHarness.readJSON(out.appending(path: "images/scene_01.json")))
        #expect(record["kind"] as? String == "video" && record["file"] as? String == "scene_01.mov" && record["provider"] as? String == "project")
        #expect(try Data(contentsOf: out.appending(path: "images/scene_01.mov")) == Data(contentsOf: clip), "copied, not re-encoded")
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        let span = try #require((timings["scenes"] as? [[String: Any]])?.last)
        let start = span["start"] as? Double ?? 0
        #expect(try Self.frameDifference(out.appending(path: "video.mp4"), start + 0.6, start + 1.4) > 1, "the clip moves")
        let streams = try CLIHarness.probe(out.appending(path: "video.mp4"))
        #expect(streams.filter { $0["codec_type"] as? String == "video" }.count == 1 && streams.filter { $0["codec_type"] as? String == "audio" }.count == 1)
    }
}
