import Foundation

/// Shapes: hills, curves, bands, rays, a perspective grid, fog and stripes.
extension Canvas {
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
}
