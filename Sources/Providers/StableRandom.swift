/// Seeded randomness that is the same in every process and on every machine.
///
/// Plans and drawn images must be reproducible: the same project re-renders to the same plan and the
/// same pictures, so a retry reuses cached steps and a test can pin the output. Swift's `hashValue` is
/// randomised per process and the standard library's `shuffled(using:)` is free to change between
/// releases, so both the hash (FNV-1a) and the generator (SplitMix64) and its helpers are our own.
public struct StableRandom: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// Seeds from the FNV-1a hash of the given strings (separated, so "ab"+"c" ≠ "a"+"bc").
    public init(_ parts: String...) { state = StableRandom.hash(parts) }

    public static func hash(_ parts: [String]) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 {
                value ^= 0x1F
                value = value &* 0x0000_0100_0000_01B3
            }
            for byte in part.utf8 {
                value ^= UInt64(byte)
                value = value &* 0x0000_0100_0000_01B3
            }
        }
        return value
    }

    /// SplitMix64.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound (bound > 0).
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0)
        return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in the closed range.
    public mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// A uniform Float in [0, 1).
    public mutating func unit() -> Float { Float(next() >> 40) / Float(1 << 24) }

    /// A uniform Float in the range.
    public mutating func float(_ range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * unit()
    }

    /// True with probability `probability`.
    public mutating func chance(_ probability: Float) -> Bool { unit() < probability }

    public mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Fisher–Yates.
    public mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for index in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(index, below(index + 1))
        }
    }

    public mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        shuffle(&copy)
        return copy
    }
}
