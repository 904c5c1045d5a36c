import Foundation

/// Light: soft glows, bokeh discs, rings and streaks, added to what is there.
extension Canvas {
    /// Adds a soft round glow: `intensity × (1 − d²/R²)²` inside radius R.
    mutating func glow(x: Float, y: Float, radius: Float, color: Color3, intensity: Float) {
        guard radius > 0.5 else { return }
        guard let (x0, x1, y0, y1) = box(x: x, y: y, reach: radius) else { return }
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
        guard let (x0, x1, y0, y1) = box(x: x, y: y, reach: outer) else { return }
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
        guard let (x0, x1, y0, y1) = box(x: x, y: y, reach: outer) else { return }
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
}
