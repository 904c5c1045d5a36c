import Foundation
import ProjectModel
import Testing
@testable import Providers

@Suite("ScenePainter")
struct ScenePainterTests {
    static func scene(_ index: Int) -> Plan.Scene {
        Plan.Scene(index: index, narration: "Narration.", onScreenText: "TEXT", visual: "visual", image: nil,
                   effect: .slowZoomIn, targetSeconds: 6)
    }

    /// Writes sample pictures for a person to look at when PAINT_OUT names a folder.
    @Test func writeSamples() throws {
        guard let folder = ProcessInfo.processInfo.environment["PAINT_OUT"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let niches = (ProcessInfo.processInfo.environment["PAINT_NICHES"] ?? "facts,horror,gaming").split(separator: ",")
        for niche in niches {
            let pack = try #require(NichePack.named(String(niche)))
            for index in 0..<4 {
                let clock = ContinuousClock()
                var image: RasterImage?
                let elapsed = clock.measure {
                    image = ScenePainter.paint(scene: Self.scene(index), pack: pack, topic: "Why octopuses have three hearts", width: 1296, height: 2304)
                }
                let motif = ScenePainter.motif(sceneIndex: index, pack: pack, topic: "Why octopuses have three hearts")
                print("\(niche) \(index) \(motif) \(elapsed)")
                try image!.writePPM(to: URL(fileURLWithPath: "\(folder)/\(niche)_\(index)_\(motif).ppm"))
            }
        }
    }
}

extension ScenePainterTests {
    static let topic = "Why octopuses have three hearts"

    /// Per-channel standard deviation over the picture.
    static func channelDeviation(_ image: RasterImage) -> [Double] {
        var sums = [Double](repeating: 0, count: 3), squares = [Double](repeating: 0, count: 3)
        for (index, byte) in image.pixels.enumerated() {
            let value = Double(byte)
            sums[index % 3] += value
            squares[index % 3] += value * value
        }
        let count = Double(image.width * image.height)
        return (0..<3).map { ((squares[$0] / count) - (sums[$0] / count) * (sums[$0] / count)).squareRoot() }
    }

    @Test func isDeterministic() throws {
        let pack = try #require(NichePack.named("facts"))
        let a = ScenePainter.paint(scene: Self.scene(2), pack: pack, topic: Self.topic, width: 270, height: 480)
        let b = ScenePainter.paint(scene: Self.scene(2), pack: pack, topic: Self.topic, width: 270, height: 480)
        #expect(a == b)
        #expect(a.width == 270 && a.height == 480 && a.pixels.count == 270 * 480 * 3)
    }

    @Test(arguments: NichePack.ids)
    func isNeverFlatAndScenesDiffer(niche: String) throws {
        let pack = try #require(NichePack.named(niche))
        var previous: RasterImage?
        for index in 0..<4 {
            let image = ScenePainter.paint(scene: Self.scene(index), pack: pack, topic: Self.topic, width: 108, height: 192)
            let deviation = Self.channelDeviation(image)
            #expect(deviation.allSatisfy { $0 > 4 }, "\(niche) scene \(index): channel deviation \(deviation)")
            // Detail is spread over the frame: every ninth of the picture has some variation.
            for cell in 0..<9 {
                let x0 = (cell % 3) * 36, y0 = (cell / 3) * 64
                var low = 255, high = 0
                for y in y0..<(y0 + 64) {
                    for x in x0..<(x0 + 36) {
                        let pixel = image[x, y]
                        let luma = (Int(pixel.red) * 2 + Int(pixel.green) * 5 + Int(pixel.blue)) / 8
                        low = min(low, luma)
                        high = max(high, luma)
                    }
                }
                #expect(high - low >= 8, "\(niche) scene \(index) cell \(cell) is nearly flat (\(low)…\(high))")
            }
            if let previous {
                let differing = zip(previous.pixels, image.pixels).filter { abs(Int($0) - Int($1)) > 12 }.count
                #expect(differing > image.pixels.count / 5, "\(niche) scenes \(index - 1) and \(index) look alike")
            }
            #expect(ScenePainter.motif(sceneIndex: index, pack: pack, topic: Self.topic)
                    != ScenePainter.motif(sceneIndex: index + 1, pack: pack, topic: Self.topic))
            previous = image
        }
    }

    @Test func differsByTopic() throws {
        let pack = try #require(NichePack.named("science"))
        let a = ScenePainter.paint(scene: Self.scene(0), pack: pack, topic: "black holes", width: 135, height: 240)
        let b = ScenePainter.paint(scene: Self.scene(0), pack: pack, topic: "coral reefs", width: 135, height: 240)
        #expect(a != b)
    }

    @Test func tinySizesDoNotCrash() throws {
        let pack = try #require(NichePack.named("gaming"))
        for (width, height) in [(1, 1), (2, 3), (7, 13), (31, 17)] {
            for index in 0..<8 {
                let image = ScenePainter.paint(scene: Self.scene(index), pack: pack, topic: "t", width: width, height: height)
                #expect(image.pixels.count == width * height * 3)
            }
        }
    }

    @Test func paintsFullSizeQuickly() throws {
        let pack = try #require(NichePack.named("horror"))
        let clock = ContinuousClock()
        var slowest = Duration.zero
        for index in 0..<2 {
            let elapsed = clock.measure {
                _ = ScenePainter.paint(scene: Self.scene(index), pack: pack, topic: Self.topic, width: 1296, height: 2304)
            }
            slowest = max(slowest, elapsed)
        }
        print("ScenePainter: 1296x2304 in \(slowest) (slowest of 2)")
        // Well under 0.5 s on an idle core; generous here because the test machine is shared.
        #expect(slowest < .seconds(1.5))
    }

    @Test func writesBinaryPPM() throws {
        let pack = try #require(NichePack.named("story"))
        let image = ScenePainter.paint(scene: Self.scene(1), pack: pack, topic: Self.topic, width: 20, height: 10)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ppm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("scene.ppm")
        try image.writePPM(to: url)
        let data = try Data(contentsOf: url)
        let header = Array("P6\n20 10\n255\n".utf8)
        #expect(Array(data.prefix(header.count)) == header)
        #expect(Array(data.dropFirst(header.count)) == image.pixels)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene.ppm"])
    }
}
