import FileSafety
import Foundation

/// An 8-bit RGB image in memory, row by row, three bytes a pixel: what the scene painter produces.
///
/// It is written as binary PPM (P6) because that needs no codec and ffmpeg reads it directly; the
/// images step converts it to PNG or scales it in the same ffmpeg call.
public struct RasterImage: Sendable, Hashable {
    public let width: Int
    public let height: Int
    /// `width × height × 3` bytes, RGB, top row first.
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width > 0 && height > 0 && pixels.count == width * height * 3, "pixel buffer does not match \(width)x\(height)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at (x, y) as (r, g, b).
    public subscript(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
        let offset = (y * width + x) * 3
        return (pixels[offset], pixels[offset + 1], pixels[offset + 2])
    }

    /// The image as a binary PPM (P6, maxval 255).
    public func ppmData() -> Data {
        let header = Array("P6\n\(width) \(height)\n255\n".utf8)
        var data = Data(capacity: header.count + pixels.count)
        data.append(contentsOf: header)
        pixels.withUnsafeBytes { data.append(contentsOf: $0) }
        return data
    }

    /// Writes a binary PPM under a temporary name in the same folder, then renames it into place.
    /// Not fsynced: it is an intermediate file, converted to PNG and deleted a moment later, and
    /// flushing 9 MB for that was most of its cost.
    public func writePPM(to url: URL) throws {
        try AtomicFile.write(ppmData(), to: url, durable: false)
    }
}
