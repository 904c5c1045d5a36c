import Foundation
import ProjectModel
import Testing
@testable import Media

/// Motion measured on rendered frames: how far the picture has moved between moments of a scene.
@Suite struct MotionTests {
    /// The horizontal and vertical shift (pixels) that best maps `a` onto `b`, searched within ±`reach`,
    /// compared over the frame's centre.
    static func shift(_ a: Data, _ b: Data, width: Int, height: Int, reach: Int) -> (dx: Int, dy: Int) {
        var best = (dx: 0, dy: 0, cost: Double.infinity)
        let rows = stride(from: height / 4, to: height * 3 / 4, by: 8)
        let columns = stride(from: width / 4, to: width * 3 / 4, by: 4)
        for dy in -reach...reach {
            for dx in -reach...reach {
                var cost = 0
                var count = 0
                for row in rows {
                    for column in columns {
                        cost += abs(Int(a[row * width + column]) - Int(b[(row + dy) * width + column + dx]))
                        count += 1
                    }
                }
                let average = Double(cost) / Double(count)
                if average < best.cost { best = (dx, dy, average) }
            }
        }
        return (best.dx, best.dy)
    }

    /// Issue 3, acceptance 5: frames at 10 moments of a pan scene show the picture moving steadily
    /// across the whole scene — the same distance between every pair of neighbouring moments.
    @Test(arguments: [MotionEffect.panRight, .tiltUp])
    func panMovesSteadilyAcrossTheWholeScene(effect: MotionEffect) async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let (width, height) = (360, 640)
        let request = RenderRequest(
            scenes: [RenderScene(image: inputs.images[1], start: 0, duration: 3, effect: effect)], voice: inputs.voice,
            levels: .nominal, width: width, height: height, fps: 30, duration: 3, output: directory.appendingPathComponent("pan.mp4"))
        try await Renderer.render(request, timeout: .seconds(60))
        // Moments 9 frames apart from frame 2 to frame 83.
        var frames: [Data] = []
        for index in stride(from: 2, through: 83, by: 9) {
            frames.append(try await Fixtures.grayFrame(of: request.output, index: index, in: directory))
        }
        #expect(frames.count == 10)
        let step = SceneMotion.panStep(frames: 90, length: effect == .panRight ? width : height)
        #expect(step.period == 1)
        let moves = zip(frames, frames.dropFirst()).map { Self.shift($0, $1, width: width, height: height, reach: 12) }
        for move in moves {
            // Panning right, the picture slides left; tilting up, it slides down.
            let along = effect == .panRight ? -move.dx : move.dy
            let across = effect == .panRight ? move.dy : move.dx
            #expect(along == 9 * step.speed, "every 9 frames the picture moves \(9 * step.speed) px: \(moves)")
            #expect(across == 0)
        }
    }

    @Test func zoomGrowsTheWholeSceneAndKeepsItsCentre() async throws {
        let inputs = try await SharedFixtures.shared.renderInputs()
        let directory = try Fixtures.directory()
        defer { Fixtures.remove(directory) }
        let (width, height) = (180, 320)
        let request = RenderRequest(
            scenes: [RenderScene(image: inputs.images[0], start: 0, duration: 3, effect: .slowZoomIn)], voice: inputs.voice,
            levels: .nominal, width: width, height: height, fps: 30, duration: 3, output: directory.appendingPathComponent("zoom.mp4"))
        try await Renderer.render(request, timeout: .seconds(60))
        var differences: [Double] = []
        var previous: Data?
        for index in stride(from: 0, through: 88, by: 11) {
            let frame = try await Fixtures.grayFrame(of: request.output, index: index, in: directory)
            if let previous { differences.append(Fixtures.difference(previous, frame)) }
            previous = frame
        }
        #expect(differences.allSatisfy { $0 > 0.5 }, "the picture changes in every stretch: \(differences)")
    }
}
