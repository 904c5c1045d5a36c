import Foundation

/// A float RGB framebuffer with the few drawing operations the scene painter composes.
///
/// Every operation is a plain loop over a bounding box on an unsafe buffer: no allocation per pixel,
/// no closures in the inner loops, so a 1296x2304 scene paints in a fraction of a second.
struct Canvas {
    let width: Int
    let height: Int
    /// RGB, row by row, linear light; written only by the drawing operations (in the `Canvas+` files).
    var data: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        data = [Float](repeating: 0, count: width * height * 3)
    }

    /// The pixels within `reach` of (x, y), clipped to the canvas: half-open ranges, nil when empty.
    @inline(__always)
    func box(x: Float, y: Float, reach: Float) -> (x0: Int, x1: Int, y0: Int, y1: Int)? {
        let x0 = max(Int(x - reach), 0), x1 = min(Int(x + reach) + 1, width)
        let y0 = max(Int(y - reach), 0), y1 = min(Int(y + reach) + 1, height)
        return x0 < x1 && y0 < y1 ? (x0, x1, y0, y1) : nil
    }

    // MARK: Background

    /// A multi-stop gradient along `angle` (radians; 0 = left to right, π/2 = top to bottom).
    mutating func linearGradient(stops: [(position: Float, color: Color3)], angle: Float) {
        let lut = Self.gradientTable(stops: stops, size: 1024)
        let dx = cos(angle), dy = sin(angle)
        // Project the corners to find the range of t.
        let corners: [(Float, Float)] = [(0, 0), (Float(width), 0), (0, Float(height)), (Float(width), Float(height))]
        let projections = corners.map { $0.0 * dx + $0.1 * dy }
        let low = projections.min()!, high = projections.max()!
        let scale = 1023 / max(high - low, 1)
        let w = width, h = height
        data.withUnsafeMutableBufferPointer { buffer in
            lut.withUnsafeBufferPointer { table in
                for y in 0..<h {
                    var t = (Float(y) * dy - low) * scale
                    let step = dx * scale
                    var offset = y * w * 3
                    for _ in 0..<w {
                        let index = min(max(Int(t), 0), 1023) * 3
                        buffer[offset] = table[index]
                        buffer[offset + 1] = table[index + 1]
                        buffer[offset + 2] = table[index + 2]
                        offset += 3
                        t += step
                    }
                }
            }
        }
    }

    /// A colour table for the gradient, with smoothstep easing between stops.
    private static func gradientTable(stops: [(position: Float, color: Color3)], size: Int) -> [Float] {
        var table = [Float](repeating: 0, count: size * 3)
        let sorted = stops.sorted { $0.position < $1.position }
        for index in 0..<size {
            let t = Float(index) / Float(size - 1)
            var color = sorted[0].color
            if t >= sorted[sorted.count - 1].position {
                color = sorted[sorted.count - 1].color
            } else {
                for stop in 0..<(sorted.count - 1) where t >= sorted[stop].position && t < sorted[stop + 1].position {
                    let span = max(sorted[stop + 1].position - sorted[stop].position, 1e-6)
                    var local = (t - sorted[stop].position) / span
                    local = local * local * (3 - 2 * local)
                    color = sorted[stop].color.mixed(sorted[stop + 1].color, local)
                }
            }
            table[index * 3] = color.r
            table[index * 3 + 1] = color.g
            table[index * 3 + 2] = color.b
        }
        return table
    }

    // MARK: Finish

    /// Vignette, film grain and tone mapping into 8-bit RGB.
    func finish(vignette: Float, grain: Float, seed: UInt32) -> [UInt8] {
        // Tone curve: linear up to 0.8, then a soft shoulder so added light never clips hard.
        var curve = [UInt8](repeating: 0, count: 4096)
        for index in 0..<4096 {
            let x = Float(index) / 1023
            let y = x < 0.8 ? x : 0.8 + 0.2 * (1 - exp(-(x - 0.8) * 4))
            curve[index] = UInt8(min(max(y * 255 + 0.5, 0), 255))
        }
        let w = width, h = height
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        let cx = Float(w) / 2, cy = Float(h) / 2
        let inverseX = 1 / cx, inverseY = 1 / cy
        data.withUnsafeBufferPointer { source in
            pixels.withUnsafeMutableBufferPointer { output in
                curve.withUnsafeBufferPointer { tone in
                    for py in 0..<h {
                        let dy = (Float(py) - cy) * inverseY
                        let dy2 = dy * dy
                        var offset = py * w * 3
                        for px in 0..<w {
                            let dx = (Float(px) - cx) * inverseX
                            let r2 = dx * dx * 0.8 + dy2
                            let v = max(1 - vignette * r2 * (0.6 + 0.4 * r2), 0.15)
                            // Integer hash: the same grain for the same seed, different on every pixel.
                            var n = UInt32(truncatingIfNeeded: px) &* 0x27D4_EB2D ^ UInt32(truncatingIfNeeded: py) &* 0x1656_67B1 ^ seed
                            n ^= n >> 15
                            n = n &* 0x2C1B_3C6D
                            n ^= n >> 12
                            let noise = (Float(n & 0xFFFF) * (1 / 65535) - 0.5) * grain
                            let r = (source[offset] * v + noise) * 1023
                            let g = (source[offset + 1] * v + noise) * 1023
                            let b = (source[offset + 2] * v + noise) * 1023
                            output[offset] = tone[min(max(Int(r), 0), 4095)]
                            output[offset + 1] = tone[min(max(Int(g), 0), 4095)]
                            output[offset + 2] = tone[min(max(Int(b), 0), 4095)]
                            offset += 3
                        }
                    }
                }
            }
        }
        return pixels
    }

    /// atan2 to within about 0.005 rad, several times faster than the libm call.
    @inline(__always)
    static func fastAtan2(_ y: Float, _ x: Float) -> Float {
        let ax = abs(x), ay = abs(y)
        let high = max(ax, ay), low = min(ax, ay)
        guard high > 0 else { return 0 }
        let a = low / high
        let s = a * a
        var r = ((-0.046_496_474_9 * s + 0.159_314_22) * s - 0.327_622_764) * s * a + a
        if ay > ax { r = 1.570_796_33 - r }
        if x < 0 { r = 3.141_592_65 - r }
        if y < 0 { r = -r }
        return r
    }
}
