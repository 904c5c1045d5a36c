import Foundation
import ProjectModel

/// A colour with float channels (0…1 nominal; light may add up beyond 1 and is tone-mapped at the end).
struct Color3: Sendable {
    var r: Float
    var g: Float
    var b: Float

    init(_ r: Float, _ g: Float, _ b: Float) {
        self.r = r
        self.g = g
        self.b = b
    }

    init(_ color: RGBColor) {
        self.init(Float(color.red) / 255, Float(color.green) / 255, Float(color.blue) / 255)
    }

    static let black = Color3(0, 0, 0)
    static let white = Color3(1, 1, 1)

    func mixed(_ other: Color3, _ t: Float) -> Color3 {
        Color3(r + (other.r - r) * t, g + (other.g - g) * t, b + (other.b - b) * t)
    }

    func scaled(_ k: Float) -> Color3 { Color3(r * k, g * k, b * k) }

    var luminance: Float { 0.2126 * r + 0.7152 * g + 0.0722 * b }
}

/// A float RGB framebuffer with the few drawing operations the scene painter composes.
///
/// Every operation is a plain loop over a bounding box on an unsafe buffer: no allocation per pixel,
/// no closures in the inner loops, so a 1296x2304 scene paints in a fraction of a second.
struct Canvas {
    let width: Int
    let height: Int
    private(set) var data: [Float]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        data = [Float](repeating: 0, count: width * height * 3)
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

    // MARK: Light

    /// Adds a soft round glow: `intensity × (1 − d²/R²)²` inside radius R.
    mutating func glow(x: Float, y: Float, radius: Float, color: Color3, intensity: Float) {
        guard radius > 0.5 else { return }
        let x0 = max(Int(x - radius), 0), x1 = min(Int(x + radius) + 1, width)
        let y0 = max(Int(y - radius), 0), y1 = min(Int(y + radius) + 1, height)
        guard x0 < x1, y0 < y1 else { return }
        let inverse = 1 / (radius * radius)
        let cr = color.r * intensity, cg = color.g * intensity, cb = color.b * intensity
        let w = width
        data.withUnsafeMutableBufferPointer { buffer in
            for py in y0..<y1 {
                let ddy = (Float(py) - y) * (Float(py) - y)
                var offset = (py * w + x0) * 3
                for px in x0..<x1 {
                    let ddx = Float(px) - x
                    let q = 1 - (ddx * ddx + ddy) * inverse
                    if q > 0 {
                        let f = q * q
                        buffer[offset] += cr * f
                        buffer[offset + 1] += cg * f
                        buffer[offset + 2] += cb * f
                    }
                    offset += 3
                }
            }
        }
    }

    /// A bokeh disk: a flat translucent circle with a soft edge and a slightly brighter rim.
    mutating func bokeh(x: Float, y: Float, radius: Float, color: Color3, alpha: Float) {
        guard radius > 1 else { return }
        let edge = max(radius * 0.08, 1.5)
        let outer = radius + edge
        let x0 = max(Int(x - outer), 0), x1 = min(Int(x + outer) + 1, width)
        let y0 = max(Int(y - outer), 0), y1 = min(Int(y + outer) + 1, height)
        guard x0 < x1, y0 < y1 else { return }
        let w = width
        data.withUnsafeMutableBufferPointer { buffer in
            for py in y0..<y1 {
                let ddy = (Float(py) - y) * (Float(py) - y)
                var offset = (py * w + x0) * 3
                for px in x0..<x1 {
                    let ddx = Float(px) - x
                    let d2 = ddx * ddx + ddy
                    if d2 < outer * outer {
                        let d = d2.squareRoot()
                        var a = min(max((outer - d) / edge, 0), 1)
                        // Brighter towards the rim, like an out-of-focus highlight.
                        let rim = d / radius
                        a *= alpha * (0.75 + 0.35 * rim * rim)
                        buffer[offset] += (color.r - buffer[offset] * 0.35) * a
                        buffer[offset + 1] += (color.g - buffer[offset + 1] * 0.35) * a
                        buffer[offset + 2] += (color.b - buffer[offset + 2] * 0.35) * a
                    }
                    offset += 3
                }
            }
        }
    }

    /// Adds a thin glowing circle of radius `radius` and line half-width `lineWidth`.
    mutating func ring(x: Float, y: Float, radius: Float, lineWidth: Float, color: Color3, intensity: Float) {
        let reach = lineWidth * 3
        let outer = radius + reach
        let x0 = max(Int(x - outer), 0), x1 = min(Int(x + outer) + 1, width)
        let y0 = max(Int(y - outer), 0), y1 = min(Int(y + outer) + 1, height)
        guard x0 < x1, y0 < y1 else { return }
        let inner2 = max(radius - reach, 0) * max(radius - reach, 0)
        let outer2 = outer * outer
        let inverse = 1 / (lineWidth * lineWidth)
        let cr = color.r * intensity, cg = color.g * intensity, cb = color.b * intensity
        let w = width
        data.withUnsafeMutableBufferPointer { buffer in
            for py in y0..<y1 {
                let ddy = (Float(py) - y) * (Float(py) - y)
                guard ddy < outer2 else { continue }
                // Only the annulus on this row: one span, or two when the row crosses the hole.
                let outerX = (outer2 - ddy).squareRoot()
                let innerX = inner2 > ddy ? (inner2 - ddy).squareRoot() : 0
                let left0 = max(Int(x - outerX), x0), left1 = min(Int(x - innerX) + 1, x1)
                let right0 = max(Int(x + innerX), left1, x0), right1 = min(Int(x + outerX) + 1, x1)
                for (from, to) in [(left0, left1), (right0, right1)] where from < to {
                    for px in from..<to {
                        let ddx = Float(px) - x
                        let off = (ddx * ddx + ddy).squareRoot() - radius
                        let f = 1 / (1 + off * off * inverse)
                        let g = f * f
                        let offset = (py * w + px) * 3
                        buffer[offset] += cr * g
                        buffer[offset + 1] += cg * g
                        buffer[offset + 2] += cb * g
                    }
                }
            }
        }
    }

    /// Adds a horizontal streak of light from x0 to x1 at y (reflections on water), soft at both ends.
    mutating func streak(x0: Float, x1: Float, y: Float, thickness: Float, color: Color3, intensity: Float) {
        let reach = thickness * 3
        let px0 = max(Int(x0), 0), px1 = min(Int(x1) + 1, width)
        let py0 = max(Int(y - reach), 0), py1 = min(Int(y + reach) + 1, height)
        guard px0 < px1, py0 < py1 else { return }
        let half = max((x1 - x0) / 2, 1), mid = (x0 + x1) / 2
        let inverse = 1 / (thickness * thickness)
        let w = width
        data.withUnsafeMutableBufferPointer { buffer in
            for py in py0..<py1 {
                let d = Float(py) - y
                let vertical = 1 / (1 + d * d * inverse)
                for px in px0..<px1 {
                    let t = (Float(px) - mid) / half
                    let f = vertical * max(1 - t * t, 0) * intensity
                    let offset = (py * w + px) * 3
                    buffer[offset] += color.r * f
                    buffer[offset + 1] += color.g * f
                    buffer[offset + 2] += color.b * f
                }
            }
        }
    }

    // MARK: Shapes

    /// Fills everything below the curve `ridge[x]` (one y per column) with a colour that goes from
    /// `top` at the ridge to `bottom` at the bottom edge, blended at `alpha`, with a soft 2 px edge
    /// and a haze band just under the ridge (aerial perspective).
    mutating func fillBelow(ridge: [Float], top: Color3, bottom: Color3, alpha: Float, haze: Color3, hazeDepth: Float) {
        let w = width, h = height
        data.withUnsafeMutableBufferPointer { buffer in
            for px in 0..<w {
                let edgeY = ridge[px]
                let startY = max(Int(edgeY) - 1, 0)
                guard startY < h else { continue }
                let span = max(Float(h) - edgeY, 1)
                for py in startY..<h {
                    let fy = Float(py)
                    let cover = min(max(fy - edgeY + 1, 0), 1) * alpha
                    if cover <= 0 { continue }
                    let t = min(max((fy - edgeY) / span, 0), 1)
                    var r = top.r + (bottom.r - top.r) * t
                    var g = top.g + (bottom.g - top.g) * t
                    var b = top.b + (bottom.b - top.b) * t
                    let hz = max(1 - (fy - edgeY) / hazeDepth, 0)
                    let hz2 = hz * hz * 0.55
                    r += (haze.r - r) * hz2
                    g += (haze.g - g) * hz2
                    b += (haze.b - b) * hz2
                    let offset = (py * w + px) * 3
                    buffer[offset] += (r - buffer[offset]) * cover
                    buffer[offset + 1] += (g - buffer[offset + 1]) * cover
                    buffer[offset + 2] += (b - buffer[offset + 2]) * cover
                }
            }
        }
    }

    /// Adds light along the curve `curve[x]`: intensity falls off with vertical distance (`spread` px).
    mutating func curveGlow(curve: [Float], spread: Float, color: Color3, intensity: Float) {
        let w = width, h = height
        let reach = spread * 4
        let inverse = 1 / (spread * spread)
        let cr = color.r * intensity, cg = color.g * intensity, cb = color.b * intensity
        data.withUnsafeMutableBufferPointer { buffer in
            for px in 0..<w {
                let cy = curve[px]
                let y0 = max(Int(cy - reach), 0), y1 = min(Int(cy + reach) + 1, h)
                guard y0 < y1 else { continue }
                for py in y0..<y1 {
                    let d = Float(py) - cy
                    let f = 1 / (1 + d * d * inverse)
                    let g = f * f
                    let offset = (py * w + px) * 3
                    buffer[offset] += cr * g
                    buffer[offset + 1] += cg * g
                    buffer[offset + 2] += cb * g
                }
            }
        }
    }

    /// Blends a translucent band between two curves (`upper[x] < lower[x]`), its colour fading from
    /// `alphaTop` at the upper curve to `alphaBottom` at the lower one.
    mutating func band(upper: [Float], lower: [Float], color: Color3, alphaTop: Float, alphaBottom: Float) {
        let w = width, h = height
        data.withUnsafeMutableBufferPointer { buffer in
            for px in 0..<w {
                let a = upper[px], b = lower[px]
                guard b > a + 1 else { continue }
                let y0 = max(Int(a), 0), y1 = min(Int(b) + 1, h)
                guard y0 < y1 else { continue }
                let inverse = 1 / (b - a)
                for py in y0..<y1 {
                    let fy = Float(py)
                    let t = (fy - a) * inverse
                    var alpha = alphaTop + (alphaBottom - alphaTop) * t
                    alpha *= min(max(fy - a, 0), 1) * min(max(b - fy, 0), 1)
                    let offset = (py * w + px) * 3
                    buffer[offset] += (color.r - buffer[offset]) * alpha
                    buffer[offset + 1] += (color.g - buffer[offset + 1]) * alpha
                    buffer[offset + 2] += (color.b - buffer[offset + 2]) * alpha
                }
            }
        }
    }

    /// Adds light rays fanning out from (x, y): `table` gives the brightness per angle bucket
    /// (covering −π…π), fading with distance over `length` px.
    mutating func rays(x: Float, y: Float, table: [Float], length: Float, color: Color3, intensity: Float) {
        let w = width, h = height
        let buckets = Float(table.count)
        let cr = color.r * intensity, cg = color.g * intensity, cb = color.b * intensity
        let inverseLength = 1 / length
        data.withUnsafeMutableBufferPointer { buffer in
            table.withUnsafeBufferPointer { rays in
                for py in 0..<h {
                    let dy = Float(py) - y
                    var offset = py * w * 3
                    for px in 0..<w {
                        let dx = Float(px) - x
                        let angle = Self.fastAtan2(dy, dx)
                        let index = min(Int((angle + Float.pi) * (buckets / (2 * Float.pi))), table.count - 1)
                        let distance = (dx * dx + dy * dy).squareRoot() * inverseLength
                        let f = rays[index] / (1 + distance * distance * 1.5)
                        buffer[offset] += cr * f
                        buffer[offset + 1] += cg * f
                        buffer[offset + 2] += cb * f
                        offset += 3
                    }
                }
            }
        }
    }

    /// A perspective floor grid below `horizon` (synthwave / blueprint), vanishing at (vanishX, horizon):
    /// lines `spacing` px apart at the bottom edge, `lineWidth` px wide, fading into the horizon.
    mutating func perspectiveGrid(horizon: Float, vanishX: Float, spacing: Float, lineWidth: Float,
                                  color: Color3, intensity: Float) {
        let w = width, h = height
        let y0 = max(Int(horizon) + 1, 0)
        guard y0 < h else { return }
        let depth = Float(h) - horizon                 // rows below the horizon
        let focal = depth
        let cellZ = spacing * focal / (depth * depth)
        let inverseWidth = 1 / lineWidth
        let cr = color.r * intensity, cg = color.g * intensity, cb = color.b * intensity
        data.withUnsafeMutableBufferPointer { buffer in
            for py in y0..<h {
                let below = Float(py) - horizon
                let fade = min(below / (depth * 0.3), 1)
                let fade2 = fade * fade
                // Horizontal lines sit at equal steps of ground depth z = focal / below.
                let z = focal / below / cellZ
                let zFraction = z - z.rounded(.down)
                let rowPixels = min(zFraction, 1 - zFraction) * cellZ * below * below / focal * inverseWidth
                let rowLine = 1 / (1 + rowPixels * rowPixels)
                // Vertical lines sit at equal steps of ground x = (px − vanishX) / below.
                let uScale = depth / (spacing * below)
                let pixelsPerU = spacing * below / depth * inverseWidth
                var offset = py * w * 3
                for px in 0..<w {
                    let u = (Float(px) - vanishX) * uScale
                    let fraction = u - u.rounded(.down)
                    let across = min(fraction, 1 - fraction) * pixelsPerU
                    let columnLine = 1 / (1 + across * across)
                    let f = max(rowLine, columnLine) * fade2
                    buffer[offset] += cr * f
                    buffer[offset + 1] += cg * f
                    buffer[offset + 2] += cb * f
                    offset += 3
                }
            }
        }
    }

    /// Blends `color` over the image where the low-resolution `field` (gw × gh values in 0…1, sampled
    /// bilinearly) is high: fog, clouds, haze. `weight(y)` shapes it vertically.
    mutating func fog(field: [Float], fieldWidth gw: Int, fieldHeight gh: Int, color: Color3, alpha: Float, rows: [Float]) {
        let w = width, h = height
        let sx = Float(gw - 1) / Float(max(w - 1, 1)), sy = Float(gh - 1) / Float(max(h - 1, 1))
        data.withUnsafeMutableBufferPointer { buffer in
            field.withUnsafeBufferPointer { f in
                for py in 0..<h {
                    let rowWeight = rows[py] * alpha
                    if rowWeight <= 0.001 { continue }
                    let fy = Float(py) * sy
                    let gy = min(Int(fy), gh - 2)
                    let ty = fy - Float(gy)
                    var offset = py * w * 3
                    for px in 0..<w {
                        let fx = Float(px) * sx
                        let gx = min(Int(fx), gw - 2)
                        let tx = fx - Float(gx)
                        let i = gy * gw + gx
                        let top = f[i] + (f[i + 1] - f[i]) * tx
                        let bottom = f[i + gw] + (f[i + gw + 1] - f[i + gw]) * tx
                        let a = (top + (bottom - top) * ty) * rowWeight
                        buffer[offset] += (color.r - buffer[offset]) * a
                        buffer[offset + 1] += (color.g - buffer[offset + 1]) * a
                        buffer[offset + 2] += (color.b - buffer[offset + 2]) * a
                        offset += 3
                    }
                }
            }
        }
    }

    /// Blends a straight band `from`…`to` px along the normal of `angle` (a bold diagonal colour block),
    /// with soft edges of `softness` px; its opacity falls off along the band by up to `fade` (0…1),
    /// like a block lit from one end.
    /// `screen` lightens (light through coloured glass) instead of painting over, so a yellow block on
    /// blue reads as lit yellow rather than olive.
    mutating func stripe(angle: Float, from: Float, to: Float, softness: Float, color: Color3, alpha: Float, fade: Float,
                         screen: Bool) {
        let w = width, h = height
        let nx = -sin(angle), ny = cos(angle)
        let ax = cos(angle), ay = sin(angle)
        let alongLow = min(0, Float(w) * ax) + min(0, Float(h) * ay)
        let alongSpan = max(abs(Float(w) * ax) + abs(Float(h) * ay), 1)
        let inverse = 1 / max(softness, 0.5)
        data.withUnsafeMutableBufferPointer { buffer in
            for py in 0..<h {
                var d = Float(py) * ny
                var along = (Float(py) * ay - alongLow) / alongSpan
                let alongStep = ax / alongSpan
                var offset = py * w * 3
                for _ in 0..<w {
                    let inside = min(d - from, to - d) * inverse
                    if inside > -1 {
                        let a = min(max(inside + 1, 0), 1) * alpha * (1 - fade * along)
                        if screen {
                            buffer[offset] += max(1 - buffer[offset], 0) * color.r * a
                            buffer[offset + 1] += max(1 - buffer[offset + 1], 0) * color.g * a
                            buffer[offset + 2] += max(1 - buffer[offset + 2], 0) * color.b * a
                        } else {
                            buffer[offset] += (color.r - buffer[offset]) * a
                            buffer[offset + 1] += (color.g - buffer[offset + 1]) * a
                            buffer[offset + 2] += (color.b - buffer[offset + 2]) * a
                        }
                    }
                    offset += 3
                    d += nx
                    along += alongStep
                }
            }
        }
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

/// Smooth 2-D value noise (fractal, a few octaves) on a small grid: fog and clouds are computed at low
/// resolution and sampled bilinearly by ``Canvas/fog(field:fieldWidth:fieldHeight:color:alpha:rows:)``.
enum NoiseField {
    /// Values in 0…1 on a `width × height` grid; `scaleX`/`scaleY` are lattice cells per grid step
    /// (different scales stretch the features, e.g. wide fog banks).
    static func fractal(width: Int, height: Int, scaleX: Float, scaleY: Float, octaves: Int, seed: UInt32) -> [Float] {
        var field = [Float](repeating: 0, count: width * height)
        var amplitude: Float = 0.5
        var frequency: Float = 1
        var total: Float = 0
        for octave in 0..<octaves {
            let octaveSeed = seed &+ UInt32(octave) &* 0x9E37_79B9
            for y in 0..<height {
                for x in 0..<width {
                    field[y * width + x] += amplitude * value(Float(x) * scaleX * frequency, Float(y) * scaleY * frequency, octaveSeed)
                }
            }
            total += amplitude
            amplitude *= 0.5
            frequency *= 2.03
        }
        let inverse = 1 / total
        for index in field.indices { field[index] *= inverse }
        return field
    }

    private static func value(_ x: Float, _ y: Float, _ seed: UInt32) -> Float {
        let ix = Int32(x.rounded(.down)), iy = Int32(y.rounded(.down))
        var tx = x - Float(ix), ty = y - Float(iy)
        tx = tx * tx * (3 - 2 * tx)
        ty = ty * ty * (3 - 2 * ty)
        let a = lattice(ix, iy, seed), b = lattice(ix + 1, iy, seed)
        let c = lattice(ix, iy + 1, seed), d = lattice(ix + 1, iy + 1, seed)
        return (a + (b - a) * tx) + ((c + (d - c) * tx) - (a + (b - a) * tx)) * ty
    }

    private static func lattice(_ x: Int32, _ y: Int32, _ seed: UInt32) -> Float {
        var n = UInt32(bitPattern: x) &* 0x8DA6_B343 ^ UInt32(bitPattern: y) &* 0xD816_3841 ^ seed
        n ^= n >> 13
        n = n &* 0x5BD1_E995
        n ^= n >> 15
        return Float(n & 0xFFFF) / 65535
    }
}
