import Foundation
import ProjectModel
import Testing
@testable import Media

@Suite struct TransitionPlannerTests {
    @Test func packFeelIsUsedAndNeighboursDiffer() {
        let effects: [MotionEffect] = [.slowZoomIn, .panLeft, .slowZoomOut, .panRight, .slowZoomIn, .panLeft]
        let plan = TransitionPlanner.plan(effects: effects, pack: NichePack.named("facts")!)
        #expect(plan.count == 5)
        let feel = TransitionPlanner.feel(of: NichePack.named("facts")!)
        #expect(plan.allSatisfy { feel.kinds.contains($0.kind) && $0.seconds == feel.seconds })
        #expect(zip(plan, plan.dropFirst()).allSatisfy { $0.kind != $1.kind })
        #expect(Set(plan.map(\.kind)).count >= 3, "at least three kinds over five changes: \(plan.map(\.kind))")
        // Deterministic.
        #expect(TransitionPlanner.plan(effects: effects, pack: NichePack.named("facts")!) == plan)
        // Dark packs feel different from list packs.
        #expect(TransitionPlanner.plan(effects: effects, pack: NichePack.named("horror")!).first?.kind == .fadeBlack)
        #expect(TransitionPlanner.plan(effects: effects, pack: NichePack.named("gaming")!).first?.kind == .pixelize)
    }

    @Test func effectsImplyTheirEntrances() {
        let plan = TransitionPlanner.plan(effects: [.slowZoomIn, .flashCut, .fade, .slowZoomOut, .glitch], pack: NichePack.named("story")!)
        #expect(plan.map(\.kind) == [.fadeWhite, .fadeBlack, .fadeBlack, .pixelize])
        #expect(plan[0].seconds == 0.3 && plan[3].seconds == 0.3)
    }

    @Test func requestedTransitionsAreCycledAsAsked() {
        let effects: [MotionEffect] = [.panLeft, .flashCut, .panRight, .glitch]
        let plan = TransitionPlanner.plan(effects: effects, pack: NichePack.named("facts")!, requested: [.wipeLeft, .circleOpen], seconds: 0.8)
        #expect(plan.map(\.kind) == [.wipeLeft, .circleOpen, .wipeLeft])
        #expect(plan.allSatisfy { $0.seconds == 0.8 })
        // A fixed length alone keeps the pack's choice of kinds.
        let paced = TransitionPlanner.plan(effects: effects, pack: NichePack.named("facts")!, seconds: 0.2)
        #expect(paced.map(\.kind) == TransitionPlanner.plan(effects: effects, pack: NichePack.named("facts")!).map(\.kind))
        #expect(paced.allSatisfy { $0.seconds == 0.2 })
    }

    @Test func everyProjectTransitionNameIsAKind() {
        for name in ProjectFile.RenderOptions.transitionNames {
            #expect(SceneTransition.Kind(rawValue: name) != nil, "\(name)")
        }
        #expect(ProjectFile.RenderOptions.transitionNames.count == SceneTransition.Kind.allCases.count)
    }

    @Test func longPausesGetLongerTransitions() {
        let plan = TransitionPlanner.plan(effects: [.panLeft, .panRight, .panLeft], pack: NichePack.named("facts")!, pauses: [0.9, 3])
        #expect(plan.map(\.seconds) == [0.9, TransitionPlanner.longest])
        #expect(TransitionPlanner.plan(effects: [.panLeft], pack: NichePack.named("facts")!).isEmpty)
    }

    @Test func timelineSoloSpansAvoidTransitions() {
        let timeline = SceneTimeline(starts: [0, 2, 4], duration: 6, fps: 30,
                                     transitions: [SceneTransition(.crossfade, seconds: 0.4), .cut])
        #expect(timeline.boundaries == [0, 60, 120, 180])
        #expect(timeline.transitionFrames == [12, 0])
        #expect(timeline.overlap(scene: 0) == (0, 6))
        #expect(timeline.overlap(scene: 1) == (6, 0))
        #expect(timeline.soloSpan(scene: 0) == (0, 1.8))
        #expect(timeline.soloSpan(scene: 1) == (2.2, 4))
        #expect(timeline.soloSpan(scene: 2) == (4, 6))
    }
}

/// Transitions rendered for real, checked frame by frame on solid-colour scenes.
@Suite struct TransitionRenderTests {
    /// Red, green and blue stills, 1 s each, with a crossfade and a slide; a white box drawn by the
    /// captions file from exactly 1.50 s.
    @Test func transitionsAreFrameExactAndLeaveCaptionsInPlace() async throws {
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let colours = ["red", "lime", "blue"]
        var images: [URL] = []
        for colour in colours {
            let image = directory.appendingPathComponent("\(colour).png")
            try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "color=c=\(colour):s=180x320:d=1", "-frames:v", "1", "-update", "1", image.path])
            images.append(image)
        }
        let voice = directory.appendingPathComponent("voice.wav")
        try await Fixtures.ffmpeg(["-f", "lavfi", "-i", "sine=f=220:d=3:sample_rate=48000", voice.path])
        let captions = directory.appendingPathComponent("captions.ass")
        let box = "{\\an7\\pos(0,0)\\1c&HFFFFFF&\\bord0\\shad0\\p1}m 0 0 l 40 0 40 40 0 40{\\p0}"
        try ASSCaptionWriter.header(style: CaptionStyle.forPack(.named("facts")!, width: 180, height: 320), width: 180, height: 320)
            .appending("Dialogue: 0,0:00:01.50,0:00:02.90,Default,,0,0,0,,\(box)\n")
            .write(to: captions, atomically: true, encoding: .utf8)
        let scenes = images.enumerated().map { RenderScene(image: $1, start: Double($0), duration: 1, effect: .static) }
        let request = RenderRequest(
            scenes: scenes, voice: voice, levels: .nominal, captions: captions, width: 180, height: 320, fps: 30, duration: 3,
            output: directory.appendingPathComponent("video.mp4"),
            transitions: [SceneTransition(.crossfade, seconds: 0.4), SceneTransition(.slideLeft, seconds: 0.4)])
        #expect(RenderGraph(request).transitionFrames == [12, 12])
        try await Renderer.render(request, timeout: .seconds(60))
        #expect(try await Fixtures.videoFrameCount(request.output) == 90, "transitions never change the length")

        func frame(_ index: Int) async throws -> Data { try await Fixtures.grayFrame(of: request.output, index: index, in: directory) }
        func mean(_ data: Data, columns: Range<Int> = 0..<180, rows: Range<Int> = 100..<320) -> Double {
            var total = 0
            for row in rows { for column in columns { total += Int(data[row * 180 + column]) } }
            return Double(total) / Double(rows.count * columns.count)
        }
        let red = mean(try await frame(10)), green = mean(try await frame(45)), blue = mean(try await frame(80))
        #expect(green - red > 60 && red - blue > 10, "distinct greys: \(red) \(green) \(blue)")
        // The crossfade covers frames 24–35, centred on the change at frame 30.
        #expect(abs(mean(try await frame(23)) - red) < 2)
        let middle = mean(try await frame(30))
        #expect(middle > red + 20 && middle < green - 20, "mid-fade is a blend: \(middle)")
        #expect(abs(mean(try await frame(36)) - green) < 2)
        // The slide covers frames 54–65: half-way, green is on the left and blue comes in from the right.
        #expect(abs(mean(try await frame(53)) - green) < 2)
        let slide = try await frame(60)
        #expect(abs(mean(slide, columns: 0..<60) - green) < 4 && abs(mean(slide, columns: 120..<180) - blue) < 4)
        #expect(abs(mean(try await frame(66)) - blue) < 2)
        // The caption box appears exactly at frame 45 (1.50 s), as it would with cuts.
        let before = try await frame(44), at = try await frame(45)
        #expect(mean(before, columns: 0..<40, rows: 0..<40) < 200)
        #expect(mean(at, columns: 0..<40, rows: 0..<40) > 225)
    }
}
