import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether stderr is a terminal a live progress display may draw on, and what it can show.
///
/// Progress goes to stderr so stdout stays the command's script-readable result (`render` prints the
/// video's path there either way); so stderr is the descriptor that decides: `render … | tee` still
/// shows progress, `render … 2>log` never puts a control character in the log.
struct TerminalCapabilities: Sendable {
    /// ANSI colours (off with `NO_COLOR`, https://no-color.org: any non-empty value).
    var color: Bool
    /// Block characters and check marks, else ASCII (a `C`/`POSIX` locale).
    var unicode: Bool

    static let descriptor: Int32 = 2

    /// nil when the display must stay off: stderr is not a terminal, or `TERM` is unset or `dumb`
    /// (a dumb terminal has no erase-line; plain lines are all it gets).
    static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> TerminalCapabilities? {
        guard isatty(descriptor) == 1 else { return nil }
        let term = environment["TERM"] ?? ""
        guard !term.isEmpty, term != "dumb" else { return nil }
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let lowered = locale.lowercased()
        return TerminalCapabilities(color: (environment["NO_COLOR"] ?? "").isEmpty,
                                    unicode: lowered.contains("utf-8") || lowered.contains("utf8"))
    }

    /// The terminal's width now (it may be resized while a job runs); 80 when it does not say.
    static func columns() -> Int {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Writes `text` to stderr, unbuffered, so it interleaves with nothing half-written.
    static func write(_ text: String) { writeAll(text, to: descriptor) }
}
