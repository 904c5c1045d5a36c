import Foundation
import JobDocuments
import ProjectModel
import Providers
import Testing
@testable import PaintedImages

@Suite("ScenePainter")
struct ScenePainterTests {
    static func scene(_ index: Int) -> Plan.Scene {
        Plan.Scene(index: index, narration: "Narration.", onScreenText: "TEXT", visual: "visual", image: nil,
                   effect: .slowZoomIn, targetSeconds: 6)
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

@Suite("PainterImageProvider")
struct PainterImageProviderTests {
    @Test("paints a scene into a PNG of exactly the requested size, leaving no intermediate file",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe"), "needs ffmpeg (make deps installs it)"))
    func writesAPNGOfTheRequestedSize() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "painter-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appending(path: "scene_00.png")
        let request = ImageRequest(scene: ScenePainterTests.scene(0), project: ProjectFile(topic: "octopus hearts"), width: 216, height: 384)
        let visual = try await PainterImageProvider().image(request, to: output)
        #expect(visual == SceneVisual(kind: .image, file: "scene_00.png", provider: "painter"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["scene_00.png"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffprobe")
        process.arguments = ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "default=noprint_wrappers=1", output.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let probe = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(probe.contains("codec_name=png") && probe.contains("width=216") && probe.contains("height=384"), "\(probe)")
        #expect(await PainterImageProvider().readiness().isReady)
    }
}
