import Foundation
import Testing
@testable import Media

@Suite("WAVFile")
struct WAVFileTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wav-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func roundTripsAndLeavesNoTemporaryFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let samples: [Int16] = (0..<4410).map { Int16(truncatingIfNeeded: ($0 * 37) % 65536 - 32768) } + [.min, .max, 0, -1]
        let url = folder.appendingPathComponent("a.wav")
        try WAVFile.write(samples, sampleRate: 22_050, to: url)
        let audio = try WAVFile.read(from: url)
        #expect(audio.samples == samples)
        #expect(audio.sampleRate == 22_050)
        #expect(abs(audio.duration - Double(samples.count) / 22_050) < 1e-9)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.wav"])
        let data = try Data(contentsOf: url)
        #expect(data.count == 44 + samples.count * 2)
        #expect(String(decoding: data.prefix(4), as: UTF8.self) == "RIFF")
        // Overwriting replaces the file in one rename.
        try WAVFile.write(PCMAudio.silence(seconds: 0.5, sampleRate: 48_000), to: url)
        let silence = try WAVFile.read(from: url)
        #expect(silence.samples.count == 24_000 && silence.samples.allSatisfy { $0 == 0 } && silence.sampleRate == 48_000)
    }

    @Test func readsStereoAndExtensibleAndRejectsOthers() throws {
        func header(format: UInt16, channels: UInt16, bits: UInt16, extensible: Bool, frames: [[Int16]]) -> Data {
            var data = Data()
            func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
            func u16(_ v: UInt16) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
            let body = frames.flatMap { $0 }
            let fmtSize: UInt32 = extensible ? 40 : 16
            data.append(contentsOf: Array("RIFF".utf8)); u32(4 + 8 + fmtSize + 8 + UInt32(body.count * 2) + 12)
            data.append(contentsOf: Array("WAVE".utf8))
            data.append(contentsOf: Array("LIST".utf8)); u32(4); data.append(contentsOf: Array("INFO".utf8))
            data.append(contentsOf: Array("fmt ".utf8)); u32(fmtSize)
            u16(extensible ? 0xFFFE : format); u16(channels); u32(44_100); u32(44_100 * UInt32(channels) * 2)
            u16(channels * 2); u16(bits)
            if extensible { u16(22); u16(bits); u32(3); u16(format); data.append(contentsOf: [UInt8](repeating: 0, count: 14)) }
            data.append(contentsOf: Array("data".utf8)); u32(UInt32(body.count * 2))
            for sample in body { u16(UInt16(bitPattern: sample)) }
            return data
        }
        let stereo = try WAVFile.parse(header(format: 1, channels: 2, bits: 16, extensible: false, frames: [[100, 300], [-100, -300]]))
        #expect(stereo.samples == [200, -200] && stereo.sampleRate == 44_100)
        let extensible = try WAVFile.parse(header(format: 1, channels: 1, bits: 16, extensible: true, frames: [[5], [6]]))
        #expect(extensible.samples == [5, 6])
        #expect(throws: WAVError.self) { try WAVFile.parse(header(format: 3, channels: 1, bits: 32, extensible: false, frames: [])) }
        #expect(throws: WAVError.self) { try WAVFile.parse(header(format: 1, channels: 1, bits: 24, extensible: false, frames: [])) }
        #expect(throws: WAVError.self) { try WAVFile.parse(Data("not a wav file at all".utf8)) }
        #expect(throws: WAVError.self) { try WAVFile.read(from: URL(fileURLWithPath: "/nonexistent/x.wav")) }
    }

    /// ffprobe reads what we write: a 16-bit mono WAV of the length we wrote.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/ffprobe"), "needs ffprobe (make deps installs ffmpeg)"))
    func ffprobeReadsOurFiles() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 0.75 s of a 440 Hz tone at 22,050 Hz, as espeak-ng writes it.
        let samples = (0..<16_538).map { Int16(8000 * sin(2 * Double.pi * 440 * Double($0) / 22_050)) }
        let wav = folder.appendingPathComponent("voice.wav")
        try WAVFile.write(samples, sampleRate: 22_050, to: wav)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ffprobe")
        process.arguments = ["-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels,duration",
                             "-of", "default=noprint_wrappers=1", wav.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let audio = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(audio.contains("codec_name=pcm_s16le") && audio.contains("sample_rate=22050") && audio.contains("channels=1"), "\(audio)")
        let duration = audio.split(separator: "\n").first { $0.hasPrefix("duration=") }.flatMap { Double($0.dropFirst(9)) }
        #expect(abs((duration ?? 0) - Double(samples.count) / 22_050) < 0.001)
    }
}
