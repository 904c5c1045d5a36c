import FileSafety
import Foundation
import ProjectModel
import Testing
@testable import Media

@Suite struct RenderGraphTests {
    private func request(_ scenes: [RenderScene], duration: Double, music: URL? = nil) -> RenderRequest {
        RenderRequest(scenes: scenes, voice: URL(fileURLWithPath: "/v.wav"), music: music,
                      captions: URL(fileURLWithPath: "/tmp/a dir/it's, [x].ass"), fontsDirectory: URL(fileURLWithPath: "/fonts"),
                      width: 1080, height: 1920, fps: 30, duration: duration, output: URL(fileURLWithPath: "/out/video.mp4"))
    }

    private func scene(_ start: Double, _ duration: Double, _ effect: MotionEffect = .panLeft) -> RenderScene {
        RenderScene(image: URL(fileURLWithPath: "/img/\(Int(start)).png"), start: start, duration: duration, effect: effect)
    }

    @Test func scenesTileTheFramesExactly() {
        let graph = RenderGraph(request([scene(0, 2.01), scene(2.01, 3.333), scene(5.343, 4)], duration: 9.343))
        #expect(graph.sceneBoundaries == [0, 60, 160, 280])
        // A request whose scenes run short still fills the whole video with its last scene.
        #expect(RenderGraph(request([scene(0, 1), scene(1, 1)], duration: 5)).sceneBoundaries == [0, 30, 150])
        // Scenes starting after the end are dropped rather than given negative lengths.
        #expect(RenderGraph(request([scene(0, 1), scene(1, 1), scene(9, 1)], duration: 2)).sceneBoundaries == [0, 30, 59, 60])
    }

    @Test func oneProcessOneEncode() {
        let arguments = RenderGraph(request([scene(0, 3), scene(3, 3, .slowZoomIn)], duration: 6, music: URL(fileURLWithPath: "/m.m4a")))
            .arguments(output: URL(fileURLWithPath: "/out/video.tmp.mp4"))
        #expect(arguments.filter { $0 == "-filter_complex" }.count == 1)
        #expect(arguments.filter { $0 == "-c:v" }.count == 1)
        #expect(arguments.suffix(3) == ["-f", "mp4", "file:/out/video.tmp.mp4"])
        for expected in [["-profile:v", "high"], ["-preset", "veryfast"], ["-crf", "21"], ["-g", "60"], ["-b:a", "160k"],
                         ["-ar", "48000"], ["-movflags", "+faststart"], ["-t", "6.000"], ["-progress", "pipe:1"]] {
            #expect(arguments.contains(expected[0]) && arguments[arguments.firstIndex(of: expected[0])! + 1] == expected[1], "\(expected)")
        }
        let graph = arguments[arguments.firstIndex(of: "-filter_complex")! + 1]
        #expect(graph.contains("loop=loop=89:size=1"))
        #expect(graph.contains("[m0][m1]concat=n=2:v=1:a=0[joined]"))
        #expect(graph.contains("ass=filename=/tmp/a dir/it\\\\\\'s\\, \\[x\\].ass:fontsdir=/fonts"))
        #expect(graph.contains("sidechaincompress=threshold=0.012:ratio=6"))
        #expect(graph.contains("alimiter=limit=0.7943:attack=5:release=80:level=disabled:latency=1"))
        #expect(!graph.contains("loudnorm"), "loudness is set by measured gains, not a one-pass normaliser")
        #expect(graph.components(separatedBy: "flags=lanczos").count - 1 == 2, "each image is scaled with lanczos exactly once")
    }

    @Test func voiceCanStartLate() {
        var delayed = request([scene(0, 6)], duration: 6)
        delayed.voiceDelay = 0.5
        #expect(RenderGraph(delayed).filterGraph.contains("adelay=delays=500:all=1,"))
        #expect(!RenderGraph(request([scene(0, 6)], duration: 6)).filterGraph.contains("adelay"))
    }

    @Test func transitionsKeepSceneChangesInPlace() {
        var faded = request([scene(0, 2), scene(2, 2), scene(4, 0.2), scene(4.2, 1.8)], duration: 6)
        faded.transitions = [SceneTransition(.crossfade, seconds: 0.3), SceneTransition(.slideLeft, seconds: 0.3),
                             SceneTransition(.fadeBlack, seconds: 0.3)]
        let graph = RenderGraph(faded)
        // 9 frames asked for; the 6-frame third scene allows 2 on its sides (half of it, made even).
        #expect(graph.transitionFrames == [8, 2, 2])
        let filters = graph.filterGraph
        // Only the frames a transition shares go through xfade, each pair starting at 0.
        #expect(filters.contains("[t0][h1]xfade=transition=fade:duration=0.266667:offset=0,format=yuv420p[x1]"))
        #expect(filters.contains("[t1][h2]xfade=transition=slideleft:duration=0.066667:offset=0,format=yuv420p[x2]"))
        #expect(filters.contains("[t2][h3]xfade=transition=fadeblack:duration=0.066667:offset=0,format=yuv420p[x3]"))
        #expect(filters.contains("[m0][x1][m1][x2][m2][x3][m3]concat=n=7:v=1:a=0[joined]"))
        // Scene 0 runs 60 + 4 frames: 56 on its own, then an 8-frame tail.
        #expect(filters.contains("loop=loop=63:size=1"))
        #expect(filters.contains("[m0in]trim=start_frame=0:end_frame=56,setpts=PTS-STARTPTS[m0]"))
        #expect(filters.contains("[t0in]trim=start_frame=56,setpts=PTS-STARTPTS[t0]"))
        faded.transitions = [SceneTransition(.crossfade, seconds: 0.01), .cut]
        #expect(RenderGraph(faded).transitionFrames == [0, 0, 0])
        #expect(RenderGraph(faded).filterGraph.contains("[m0][m1][m2][m3]concat=n=4"))
    }

    @Test(arguments: MotionEffect.allCases)
    func everyEffectMoves(effect: MotionEffect) {
        let chain = SceneMotion(effect: effect, frames: 90, width: 1080, height: 1920, fps: 30, index: 0).chain(input: "0:v", output: "s0")
        switch effect {
        case .slowZoomIn, .slowZoomOut:
            // 54 distinct sizes for 90 frames (a 10 % zoom): each scaled once, stamped where it first appears, held by fps.
            #expect(chain.contains("loop=loop=54:size=1") && chain.contains("setpts='floor((N*89+53)/54)'") && chain.contains("fps=30"))
            #expect(chain.contains("eval=frame"))
            let short = SceneMotion(effect: effect, frames: 40, width: 1080, height: 1920, fps: 30, index: 0).chain(input: "0:v", output: "s0")
            #expect(short.contains("loop=loop=39:size=1") && short.contains("trunc(54*n/39)"))
        case .static:
            #expect(chain.hasPrefix("[0:v]scale=1080:1920:"), "a still image, scaled to the frame once")
            #expect(!chain.contains("*n"))
        case .tiltUp, .tiltDown:
            // Tilts move a whole number of pixels every frame: 3 px here (12 % of 1920 over 89 moves, rounded).
            #expect(chain.contains("3*n"), "the motion must be a constant whole-pixel step per frame")
        default:
            // Pans, and the drift under fades, flashes and glitches: 1 px a frame here.
            #expect(chain.contains("1*n"), "the motion must be a constant whole-pixel step per frame")
        }
        #expect(chain.hasSuffix("setsar=1,format=yuv420p[s0]"))
    }

    @Test func panStepsAreWholeAndEven() {
        // Travel aims at 12 % of the frame: 1 px a frame for a 7 s scene at 1080 wide…
        #expect(SceneMotion.panStep(frames: 219, length: 1080) == (1, 1))
        // …more for a short scene…
        #expect(SceneMotion.panStep(frames: 45, length: 1080) == (3, 1))
        // …and a steady one pixel every other frame once one a frame would pass 35 % of the frame.
        #expect(SceneMotion.panStep(frames: 600, length: 1080) == (1, 2))
        let long = SceneMotion(effect: .panRight, frames: 600, width: 1080, height: 1920, fps: 30, index: 0)
        #expect(long.chain(input: "0:v", output: "s0").contains("x='floor(n/2)'"))
    }

    @Test func progressLinesAreParsed() {
        #expect(Renderer.fraction(fromProgressLine: "out_time_us=3000000", duration: 6) == 0.5)
        #expect(Renderer.fraction(fromProgressLine: "out_time_us=N/A", duration: 6) == nil)
        #expect(Renderer.fraction(fromProgressLine: "progress=end", duration: 6) == 1)
        #expect(Renderer.fraction(fromProgressLine: "out_time_us=9000000", duration: 6) == 1)
    }

    @Test func invalidRequestsAreRejected() async {
        await #expect(throws: MediaError.self) {
            try await Renderer.render(self.request([], duration: 5), timeout: .seconds(5))
        }
        await #expect(throws: MediaError.self) {
            try await Renderer.render(self.request([self.scene(0, 1)], duration: 5), timeout: .seconds(5))
        }
    }
}

/// Real renders with ffmpeg. Small frames keep the suite fast; one full-size render checks the real thing.
@Suite struct RenderTests {
    private func makeRequest(
        _ inputs: SharedFixtures.Inputs, directory: URL, width: Int, height: Int, duration: Double = 6,
        effects: [MotionEffect] = [.panRight, .slowZoomIn, .fade], music: URL? = nil, measured: Bool = true
    ) throws -> RenderRequest {
        var style = CaptionStyle.forPack(.named("facts")!, width: width, height: height)
        style.fontsDirectory = CaptionStyle.defaultFontsDirectory
        let captions = directory.appendingPathComponent("captions.ass")
        try ASSCaptionWriter.document(words: inputs.words, style: style, width: width, height: height, endTime: duration)
            .write(to: captions, atomically: true, encoding: .utf8)
        let length = duration / Double(effects.count)
        let scenes = effects.enumerated().map { index, effect in
            RenderScene(image: inputs.images[index % inputs.images.count], start: Double(index) * length, duration: length, effect: effect)
        }
        // Unmeasured requests skip the loudness passes (tests of process control, not of sound).
        return RenderRequest(scenes: scenes, voice: inputs.voice, music: music, levels: measured ? nil : .nominal, captions: captions,
                             fontsDirectory: style.fontsDirectory, width: width, height: height, fps: 30,
                             duration: duration, output: directory.appendingPathComponent("video.mp4"))
    }

    @Test func smallRenderPassesVerificationAndMoves() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let music = directory.appendingPathComponent("music.m4a")
        try await MusicBed.generate(mood: "upbeat", seconds: 6, output: music)
        let request = try makeRequest(inputs, directory: directory, width: 540, height: 960, music: music)
        let fractions = LineCollector()
        try await Renderer.render(request, timeout: .seconds(60)) { fractions.append(String($0)) }

        #expect(!FileManager.default.fileExists(atPath: AtomicOutput.temporary(for: request.output).path))
        let problems = try await VideoVerifier.verify(request.output, expectedDuration: 6, narration: 0.2...5.6, width: 540, height: 960)
        #expect(problems.isEmpty, "\(problems)")
        let info = try await MediaProbe.probe(request.output)
        #expect(info.videoStreams.first?.profile == "High")
        #expect(try await Fixtures.videoFrameCount(request.output) == 180)
        #expect(abs((info.videoStreams.first?.frameRate ?? 0) - 30) < 0.01)
        #expect(info.audioStreams.first?.channels == 2)
        #expect(fractions.lines.last == "1.0")

        // The pan (0–2 s) and the zoom (2–4 s) move throughout their scenes, not just at the end.
        for (first, second) in [(0.2, 1.2), (0.9, 1.9), (2.2, 3.2), (2.9, 3.9)] {
            let a = try await Fixtures.grayFrame(of: request.output, at: first, in: directory)
            let b = try await Fixtures.grayFrame(of: request.output, at: second, in: directory)
            #expect(Fixtures.difference(a, b) > 1, "frames at \(first) s and \(second) s should differ")
        }

        // Loudness lands near the platform target.
        let loudness = try await AudioAnalysis.loudness(of: request.output)
        #expect(abs(loudness.integratedLUFS - -14) <= 1, "\(loudness)")
        #expect(loudness.truePeakDb <= -1, "\(loudness)")

        let thumbnail = directory.appendingPathComponent("thumb.jpg")
        try await Thumbnail.extract(from: request.output, at: 1.0, to: thumbnail)
        let thumb = try await MediaProbe.probe(thumbnail)
        #expect(thumb.videoStreams.first?.width == 540)
        #expect(thumb.videoStreams.first?.codec == "mjpeg")
    }

    @Test func fullSizeRender() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let request = try makeRequest(inputs, directory: directory, width: 1080, height: 1920,
                                      effects: [.slowZoomOut, .tiltUp, .glitch])
        let started = ContinuousClock.now
        try await Renderer.render(request, timeout: .seconds(120))
        let elapsed = ContinuousClock.now - started
        print("full-size 6 s render took \(elapsed)")
        let problems = try await VideoVerifier.verify(request.output, expectedDuration: 6, narration: 0.2...5.6)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func crossfadedRenderKeepsItsLength() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        var request = try makeRequest(inputs, directory: directory, width: 360, height: 640, duration: 4,
                                      effects: [.slowZoomIn, .panLeft])
        request.transitions = [SceneTransition(.crossfade, seconds: 0.4)]
        try await Renderer.render(request, timeout: .seconds(60))
        let problems = try await VideoVerifier.verify(request.output, expectedDuration: 4, tolerance: 0.04, narration: nil, width: 360, height: 640)
        #expect(problems.isEmpty, "\(problems)")
        #expect(try await Fixtures.videoFrameCount(request.output) == 120)
        // Mid-fade (2.0 s) the picture is a blend: unlike both 0.3 s before and after.
        let before = try await Fixtures.grayFrame(of: request.output, at: 1.7, in: directory)
        let middle = try await Fixtures.grayFrame(of: request.output, at: 2.0, in: directory)
        let after = try await Fixtures.grayFrame(of: request.output, at: 2.3, in: directory)
        #expect(Fixtures.difference(before, middle) > 2 && Fixtures.difference(middle, after) > 2)
    }

    @Test func sceneChangesLandOnTheirFrame() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        // 1.5 s zoom (45 frames, 27 distinct sizes) then 1.5 s of another image: the cut must be at frame 45.
        let request = try makeRequest(inputs, directory: directory, width: 360, height: 640, duration: 3,
                                      effects: [.slowZoomOut, .static])
        try await Renderer.render(request, timeout: .seconds(60))
        #expect(try await Fixtures.videoFrameCount(request.output) == 90)
        var frames: [Data] = []
        for index in [43, 44, 45, 46] {
            frames.append(try await Fixtures.grayFrame(of: request.output, index: index, in: directory))
        }
        #expect(Fixtures.difference(frames[0], frames[1]) < 6)
        #expect(Fixtures.difference(frames[1], frames[2]) > 20, "the cut is between frames 44 and 45")
        #expect(Fixtures.difference(frames[2], frames[3]) < 6)
    }

    @Test func cancellingARenderStopsFFmpeg() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let request = try makeRequest(inputs, directory: directory, width: 1080, height: 1920, duration: 120, measured: false)
        let started = LineCollector()
        let task = Task {
            try await Renderer.render(request, timeout: .seconds(600)) { _ in started.append("p") }
        }
        for _ in 0..<200 where started.lines.isEmpty {
            try await Task.sleep(for: .milliseconds(25))
        }
        let marker = AtomicOutput.temporary(for: request.output).path
        #expect(Fixtures.processRunning(commandLineContaining: marker))
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(ContinuousClock.now - cancelled < .seconds(1.5))
        #expect(await Fixtures.waitForNoProcess(commandLineContaining: marker, seconds: 0.2))
        #expect(!FileManager.default.fileExists(atPath: marker), "the partial file is removed")
        #expect(!FileManager.default.fileExists(atPath: request.output.path))
    }

    @Test func renderTimeoutIsReported() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let request = try makeRequest(inputs, directory: directory, width: 540, height: 960, duration: 60, measured: false)
        do {
            try await Renderer.render(request, timeout: .milliseconds(300))
            Issue.record("expected a timeout")
        } catch let error as MediaError {
            guard case .timedOut(let tool, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "ffmpeg")
        }
        #expect(!FileManager.default.fileExists(atPath: request.output.path))
    }
}
