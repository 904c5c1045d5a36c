import Foundation
import ProjectModel
import Testing
@testable import Media

/// Video clips as scenes: in the same graph and the same single encode as stills.
@Suite struct VideoSceneGraphTests {
    private func request(_ scenes: [RenderScene], duration: Double) -> RenderRequest {
        RenderRequest(scenes: scenes, voice: URL(fileURLWithPath: "/v.wav"), width: 1080, height: 1920, fps: 30,
                      duration: duration, output: URL(fileURLWithPath: "/out/video.mp4"))
    }

    @Test func aClipIsLoopedForItsSceneAndItsSoundIsNeverRead() {
        let scenes = [RenderScene(image: URL(fileURLWithPath: "/img/0.png"), start: 0, duration: 2, effect: .panLeft),
                      RenderScene(picture: .clip(URL(fileURLWithPath: "/clips/a:b.mkv")), start: 2, duration: 3, effect: .slowZoomIn)]
        let graph = RenderGraph(request(scenes, duration: 5))
        let arguments = graph.arguments(output: URL(fileURLWithPath: "/out/video.tmp.mp4"))
        let clipInput = arguments.firstIndex(of: "file:/clips/a:b.mkv") ?? 8
        #expect(Array(arguments[(clipInput - 8)...clipInput]) == [
            "-stream_loop", "-1", "-t", "3.500", "-an", "-sn", "-dn", "-i", "file:/clips/a:b.mkv",
        ])
        #expect(arguments.filter { $0 == "-filter_complex" }.count == 1 && arguments.filter { $0 == "-c:v" }.count == 1)
        let filters = graph.filterGraph
        // Exactly the scene's 90 frames, at the render's rate, covering the frame, whatever the clip's length.
        #expect(filters.contains("[1:v:0]setpts=PTS-STARTPTS,fps=30,scale=1080:1920:force_original_aspect_ratio=increase"))
        #expect(filters.contains("crop=1080:1920,format=yuv420p,tpad=stop_mode=clone:stop=90,trim=end_frame=90,settb=1/30,setpts=N"))
        // No pan or zoom over a clip: it moves by itself.
        let clipChain = filters.split(separator: ";").first { $0.hasPrefix("[1:v:0]") }.map(String.init) ?? ""
        #expect(!clipChain.contains("eval=frame") && !clipChain.contains("*n"))
        // The mix takes the voice (input 2) only: no clip's audio is mapped.
        #expect(filters.contains("[2:a]") && !filters.contains("[1:a]"))
    }

    @Test func aClipKeepsItsSceneTreatment() {
        let fade = SceneMotion(effect: .fade, frames: 60, width: 540, height: 960, fps: 30, index: 1,
                               treatsEntrance: true, treatsExit: true)
        let chain = fade.clipChain(input: "1:v:0", output: "m1")
        #expect(chain.contains("fade=t=in:s=0:n=12") && chain.contains("fade=t=out:s=48:n=12"))
        #expect(chain.hasSuffix("setsar=1,format=yuv420p[m1]"))
    }
}

/// Real renders with a clip scene: it moves, covers the frame, loops, and stays silent.
@Suite struct VideoSceneRenderTests {
    /// A 1.5 s landscape clip (testsrc2: colour bars and a moving counter) with a loud 1 kHz tone.
    private func clip(in directory: URL) async throws -> URL {
        let clip = directory.appendingPathComponent("clip.mp4")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "testsrc2=s=640x360:r=30:d=1.5",
                                   "-f", "lavfi", "-i", "sine=frequency=1000:d=1.5:sample_rate=48000",
                                   "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip.path])
        return clip
    }

    @Test func aLoopedLandscapeClipCoversAPortraitFrameAndMoves() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let clip = try await clip(in: directory)
        let scenes = [RenderScene(picture: .clip(clip), start: 0, duration: 4, effect: .static),
                      RenderScene(image: inputs.images[1], start: 4, duration: 2, effect: .static)]
        let request = RenderRequest(scenes: scenes, voice: inputs.voice, levels: .nominal, width: 360, height: 640, fps: 30,
                                    duration: 6, output: directory.appendingPathComponent("video.mp4"))
        try await Renderer.render(request, timeout: .seconds(120))

        #expect(try await Fixtures.videoFrameCount(request.output) == 180, "one encode of exactly 6 s")
        let info = try await MediaProbe.probe(request.output)
        #expect(info.videoStreams.first?.width == 360 && info.videoStreams.first?.height == 640)
        // It moves: 0.2 s and 0.7 s apart differ.
        let early = try await Fixtures.grayFrame(of: request.output, at: 0.2, in: directory)
        let later = try await Fixtures.grayFrame(of: request.output, at: 0.7, in: directory)
        #expect(Fixtures.difference(early, later) > 0.5)
        // It loops: 1.5 s on, the same picture comes round again (a held last frame would not match).
        let looped = try await Fixtures.grayFrame(of: request.output, at: 1.7, in: directory)
        #expect(Fixtures.difference(early, looped) < Fixtures.difference(early, later))
        // It covers: the top and bottom rows are the clip's colour bars, not black bars.
        let rowBytes = 360
        let top = early.prefix(rowBytes * 8)
        let bottom = early.suffix(rowBytes * 8)
        #expect(Double(top.reduce(0) { $0 + Int($1) }) / Double(top.count) > 40, "no bar above")
        #expect(Double(bottom.reduce(0) { $0 + Int($1) }) / Double(bottom.count) > 40, "no bar below")
    }

    @Test func aClipsSoundStaysOutOfTheMix() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let clip = try await clip(in: directory)
        // A silent voice-over: anything audible in the result would be the clip's tone.
        let silence = directory.appendingPathComponent("silence.wav")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono", "-t", "2", silence.path])
        let request = RenderRequest(scenes: [RenderScene(picture: .clip(clip), start: 0, duration: 2, effect: .static)],
                                    voice: silence, levels: .nominal, width: 240, height: 426, fps: 30, duration: 2,
                                    output: directory.appendingPathComponent("video.mp4"))
        try await Renderer.render(request, timeout: .seconds(60))
        let loudness = try await AudioAnalysis.loudness(of: request.output)
        #expect(loudness.truePeakDb < -50, "the clip's tone is not in the mix: \(loudness)")
    }
}
