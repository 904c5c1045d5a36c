import FileSafety
import Foundation

/// Mono 16-bit PCM audio in memory.
public struct PCMAudio: Sendable, Hashable {
    public var samples: [Int16]
    public var sampleRate: Int

    public init(samples: [Int16], sampleRate: Int) {
        self.samples = samples
        self.sampleRate = sampleRate
    }

    public var duration: Double { sampleRate > 0 ? Double(samples.count) / Double(sampleRate) : 0 }

    /// `seconds` of digital silence, e.g. the gap between two scenes' speech.
    public static func silence(seconds: Double, sampleRate: Int) -> PCMAudio {
        PCMAudio(samples: WAVFile.silence(seconds: seconds, sampleRate: sampleRate), sampleRate: sampleRate)
    }
}

/// Why a WAV file could not be read or written.
public struct WAVError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// 16-bit PCM mono WAV files: the per-scene voice-over is written as WAV (ffmpeg and every tool read it,
/// and it needs no encoder), and read back to join the scenes into one voice track.
public enum WAVFile {
    /// Writes `audio` as a 16-bit PCM mono WAV. The file is written under a temporary name in the same
    /// folder and renamed into place, so a reader never sees a half-written file.
    public static func write(_ audio: PCMAudio, to url: URL) throws {
        try write(audio.samples, sampleRate: audio.sampleRate, to: url)
    }

    public static func write(_ samples: [Int16], sampleRate: Int, to url: URL) throws {
        guard sampleRate > 0 else { throw WAVError(path: url.path, "sample rate must be positive, got \(sampleRate)") }
        let dataBytes = samples.count * 2
        guard dataBytes <= Int(UInt32.max) - 36 else { throw WAVError(path: url.path, "too long for a WAV file") }
        var data = Data(capacity: 44 + dataBytes)
        func append32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        func append16(_ value: UInt16) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: Array("RIFF".utf8))
        append32(UInt32(36 + dataBytes))
        data.append(contentsOf: Array("WAVEfmt ".utf8))
        append32(16)                        // fmt chunk size
        append16(1)                         // PCM
        append16(1)                         // mono
        append32(UInt32(sampleRate))
        append32(UInt32(sampleRate * 2))    // byte rate
        append16(2)                         // block align
        append16(16)                        // bits per sample
        data.append(contentsOf: Array("data".utf8))
        append32(UInt32(dataBytes))
        if 1.littleEndian == 1 {
            samples.withUnsafeBytes { data.append(contentsOf: $0) }
        } else {
            for sample in samples { append16(UInt16(bitPattern: sample)) }
        }
        try AtomicFile.write(data, to: url)
    }

    /// Reads a PCM WAV file (16-bit; several channels are mixed down to mono).
    public static func read(from url: URL) throws -> PCMAudio {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw WAVError(path: url.path, "cannot read: \(error.localizedDescription)")
        }
        return try parse(data, path: url.path)
    }

    /// Parses the bytes of a PCM WAV file.
    public static func parse(_ data: Data, path: String = "<data>") throws -> PCMAudio {
        let bytes = [UInt8](data)
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        func tag(_ at: Int) -> String { String(decoding: bytes[at..<at + 4], as: UTF8.self) }
        guard bytes.count >= 12, tag(0) == "RIFF", tag(8) == "WAVE" else {
            throw WAVError(path: path, "not a RIFF/WAVE file")
        }
        var format: (channels: Int, rate: Int, bits: Int)?
        var offset = 12
        while offset + 8 <= bytes.count {
            let id = tag(offset)
            let size = u32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                guard size >= 16, body + 16 <= bytes.count else { throw WAVError(path: path, "truncated fmt chunk") }
                var code = u16(body)
                if code == 0xFFFE, size >= 26, body + 26 <= bytes.count { code = u16(body + 24) } // extensible
                guard code == 1 else { throw WAVError(path: path, "only PCM WAV is supported (format code \(code))") }
                format = (u16(body + 2), u32(body + 4), u16(body + 14))
            } else if id == "data" {
                guard let format else { throw WAVError(path: path, "data chunk before fmt chunk") }
                guard format.bits == 16 else { throw WAVError(path: path, "only 16-bit samples are supported, got \(format.bits)-bit") }
                guard format.channels >= 1, format.rate > 0 else { throw WAVError(path: path, "bad fmt chunk") }
                // A writer that could not seek may leave the size at 0 or too large: take what is there.
                let available = bytes.count - body
                let length = (size == 0 || size > available) ? available : size
                let frames = length / (2 * format.channels)
                var samples = [Int16](repeating: 0, count: frames)
                for frame in 0..<frames {
                    var sum = 0
                    for channel in 0..<format.channels {
                        sum += Int(Int16(bitPattern: UInt16(u16(body + (frame * format.channels + channel) * 2))))
                    }
                    samples[frame] = Int16(sum / format.channels)
                }
                return PCMAudio(samples: samples, sampleRate: format.rate)
            }
            offset = body + size + (size & 1)
        }
        throw WAVError(path: path, "no data chunk")
    }

    /// `seconds` of digital silence at `sampleRate`.
    public static func silence(seconds: Double, sampleRate: Int) -> [Int16] {
        [Int16](repeating: 0, count: max(0, Int((seconds * Double(sampleRate)).rounded())))
    }
}
