import Foundation
import JobDocuments
import ProjectModel
import Testing
@testable import Media

/// Files and helpers shared by the Media tests.
enum Fixtures {
    /// A fresh directory under the system temporary directory; remove it with ``remove(_:)``.
    static func directory(_ name: String = #function) throws -> URL {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("media-tests-\(safe)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs ffmpeg with the test's arguments (quiet, overwrite).
    @discardableResult
    static func ffmpeg(_ arguments: [String], timeout: Duration = .seconds(60)) async throws -> ProcessResult {
        try await ProcessRunner.run(try ToolLocator.ffmpeg(), ["-hide_banner", "-nostdin", "-y", "-v", "error"] + arguments, timeout: timeout)
    }

    /// A still made from a lavfi source (`testsrc2`, `mandelbrot`, `gradients`, …), PNG.
    static func image(_ url: URL, source: String, width: Int = 1296, height: Int = 2304) async throws {
        let input = source == "testsrc2" ? "testsrc2=s=\(width)x\(height):d=1"
            : source == "gradients" ? "gradients=s=\(width)x\(height):d=1:speed=0.01:n=4"
            : "\(source)=s=\(width)x\(height)"
        try await ffmpeg(["-f", "lavfi", "-i", input, "-frames:v", "1", "-update", "1", url.path])
    }

    /// A voice-over: espeak-ng speaking `text` when installed, else a warbling tone of about the same length.
    static func voice(_ url: URL, text: String) async throws {
        if let espeak = ["/usr/bin/espeak-ng", "/usr/local/bin/espeak-ng"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
            _ = try await ProcessRunner.run(espeak, ["-s", "170", "-w", url.path, text], timeout: .seconds(30))
        } else {
            let seconds = Double(text.split(separator: " ").count) / 2.8
            try await ffmpeg(["-f", "lavfi", "-i", "aevalsrc=0.3*sin(2*PI*(180+40*sin(2*PI*3*t))*t):s=22050:d=\(seconds)", url.path])
        }
    }

    /// True when some process's command line contains `marker` (scans /proc).
    static func processRunning(commandLineContaining marker: String) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        let needle = Data(marker.utf8)
        for entry in entries where entry.allSatisfy(\.isNumber) {
            guard let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"), !data.isEmpty else { continue }
            if data.range(of: needle) != nil { return true }
        }
        return false
    }

    /// Waits up to `seconds` for no process to mention `marker`.
    static func waitForNoProcess(commandLineContaining marker: String, seconds: Double = 2) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if !processRunning(commandLineContaining: marker) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return !processRunning(commandLineContaining: marker)
    }

    /// One frame at `seconds` as raw 8-bit grey pixels (a cheap way to compare pictures).
    static func grayFrame(of video: URL, at seconds: Double, in directory: URL) async throws -> Data {
        let raw = directory.appendingPathComponent("frame-\(UUID().uuidString.prefix(6)).gray")
        try await ffmpeg(["-ss", String(format: "%.3f", seconds), "-i", video.path, "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
        return try Data(contentsOf: raw)
    }

    /// Frame number `index` (counting from 0) as raw grey pixels.
    static func grayFrame(of video: URL, index: Int, in directory: URL) async throws -> Data {
        let raw = directory.appendingPathComponent("frame-\(index)-\(UUID().uuidString.prefix(6)).gray")
        try await ffmpeg(["-i", video.path, "-vf", "select=eq(n\\,\(index))", "-frames:v", "1",
                          "-f", "rawvideo", "-pix_fmt", "gray", raw.path])
        return try Data(contentsOf: raw)
    }

    /// Number of video packets (= frames for H.264 without B-pyramid surprises) in `video`.
    static func videoFrameCount(_ video: URL) async throws -> Int {
        let result = try await ProcessRunner.run(try ToolLocator.ffprobe(), [
            "-v", "error", "-select_streams", "v:0", "-count_packets", "-show_entries", "stream=nb_read_packets",
            "-of", "csv=p=0", video.path,
        ], timeout: .seconds(30))
        return Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Mean absolute difference of two equal-size grey frames (0…255).
    static func difference(_ a: Data, _ b: Data) -> Double {
        guard a.count == b.count, !a.isEmpty else { return .infinity }
        var total = 0
        for index in a.indices { total += abs(Int(a[index]) - Int(b[index])) }
        return Double(total) / Double(a.count)
    }

    /// Words spread evenly over `start..<end`, one scene.
    static func words(_ text: String, from start: Double, to end: Double, scene: Int) -> [TimedWord] {
        let parts = text.split(separator: " ").map(String.init)
        let step = (end - start) / Double(parts.count)
        return parts.enumerated().map { index, word in
            TimedWord(text: word, start: start + Double(index) * step, end: start + Double(index) * step + step * 0.85, scene: scene)
        }
    }
}

/// Shared render inputs, made once per test run (tests run in parallel).
actor SharedFixtures {
    static let shared = SharedFixtures()

    struct Inputs: Sendable {
        var directory: URL
        var images: [URL]
        var voice: URL
        var words: [TimedWord]
    }

    private var inputs: Task<Inputs, any Error>?

    func renderInputs() async throws -> Inputs {
        if let inputs { return try await inputs.value }
        let task = Task<Inputs, any Error> {
            // Built once into a stable folder (renamed into place when complete) and reused by later runs.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("media-tests-fixtures-v1", isDirectory: true)
            let images = ["testsrc2", "mandelbrot", "gradients"].enumerated().map {
                directory.appendingPathComponent("scene_0\($0.offset + 1)_\($0.element).png")
            }
            let voice = directory.appendingPathComponent("voice.wav")
            let words = Fixtures.words("Octopuses have three hearts,", from: 0.2, to: 1.9, scene: 0)
                + Fixtures.words("and two of them stop when they swim.", from: 2.0, to: 3.9, scene: 1)
                + Fixtures.words("Blue blood keeps them alive.", from: 4.1, to: 5.6, scene: 2)
            if !FileManager.default.fileExists(atPath: voice.path) {
                let staging = try Fixtures.directory("fixtures-staging")
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (image, source) in zip(images, ["testsrc2", "mandelbrot", "gradients"]) {
                        let staged = staging.appendingPathComponent(image.lastPathComponent)
                        group.addTask { try await Fixtures.image(staged, source: source) }
                    }
                    try await group.waitForAll()
                }
                try await Fixtures.voice(staging.appendingPathComponent("voice.wav"),
                                         text: "Octopuses have three hearts, and two of them stop when they swim. Blue blood keeps them alive.")
                if rename(staging.path, directory.path) != 0 { Fixtures.remove(staging) }
            }
            return Inputs(directory: directory, images: images, voice: voice, words: words)
        }
        inputs = task
        return try await task.value
    }
}
