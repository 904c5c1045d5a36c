/// Log lines on a terminal that shows progress: each goes above the live bottom line instead of
/// being written through the middle of it.
struct TerminalLogStream: TextOutputStream, Sendable {
    let progress: TerminalProgress

    mutating func write(_ string: String) { progress.printAbove(string) }
}
