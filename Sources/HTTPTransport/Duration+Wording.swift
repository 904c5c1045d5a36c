import Foundation

extension Duration {
    /// Whole milliseconds, as libcurl's `_MS` options take them.
    public var milliseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
    }

    /// `5 s`, `1.5 s`: how messages say a limit or a wait.
    public var spoken: String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : String(format: "%.1f s", Double(milliseconds) / 1000)
    }
}
