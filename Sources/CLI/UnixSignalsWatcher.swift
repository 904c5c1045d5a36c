import UnixSignals

/// Ctrl-C and SIGTERM for a command in the foreground.
enum UnixSignalsWatcher {
    static func interrupts() async -> UnixSignalsSequence {
        await UnixSignalsSequence(trapping: .sigint, .sigterm)
    }
}
