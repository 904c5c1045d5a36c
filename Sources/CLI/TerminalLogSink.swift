import LogOutput
import Logging

/// Log lines on a terminal that shows progress: each goes above the live bottom line instead of
/// being written through the middle of it.
struct TerminalLogSink: LogSink {
    let progress: TerminalProgress

    func write(_ line: String, level: Logger.Level) { progress.printAbove(line) }

    func reopen() {}
}
