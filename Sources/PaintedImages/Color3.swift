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
