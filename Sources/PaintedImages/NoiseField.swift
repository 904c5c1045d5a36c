import Foundation

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
