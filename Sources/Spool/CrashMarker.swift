import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells a daemon's crash (a fatal signal of its own: SIGSEGV, SIGABRT, a Swift trap) from a kill
/// from outside (`kill -9`, the OOM killer, a power cut), which leave no trace.
///
/// On a fatal signal the handler writes the signal number to `spool/.crash` through a descriptor
/// opened in advance (`write(2)` is async-signal-safe), puts back the handler that was there before
/// (Swift's backtracer, or the default) and returns: the faulting instruction runs again, or `abort()`
/// raises again, and the process dies as it would have. The next daemon reads the number: jobs it finds
/// in `running/` were there when the daemon crashed, and a job that crashes it three times is a poison pill.
public enum CrashMarker {
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]

    public static func url(in layout: SpoolLayout) -> URL { layout.crashMarker }

    /// The signal the previous daemon crashed with, if it did; the marker is cleared.
    public static func consume(in layout: SpoolLayout) -> Int32? {
        let url = url(in: layout)
        guard let data = try? Data(contentsOf: url), data.count >= 4 else { return nil }
        try? Data().write(to: url)
        return data.prefix(4).withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
    }

    /// Installs the handlers for this process (once; the daemon calls it after taking the spool lock).
    public static func arm(in layout: SpoolLayout) {
        let fd = open(url(in: layout).path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0, markerFD == -1 else {
            if fd >= 0 { close(fd) }
            return
        }
        markerFD = fd
        let previous = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)
        previous.initialize(repeating: sigaction(), count: 65)
        previousActions = previous
        for signal in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = onFatalSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_ONSTACK
            sigaction(signal, &action, previous + Int(signal))
        }
    }

    /// The name of a signal for messages: `SIGSEGV`.
    public static func name(of signal: Int32) -> String {
        switch signal {
        case SIGSEGV: "SIGSEGV"
        case SIGBUS: "SIGBUS"
        case SIGILL: "SIGILL"
        case SIGFPE: "SIGFPE"
        case SIGABRT: "SIGABRT"
        case SIGTRAP: "SIGTRAP"
        default: "signal \(signal)"
        }
    }
}

// Set once by `arm` before any handler can run, then only read from the handler.
nonisolated(unsafe) private var markerFD: Int32 = -1
nonisolated(unsafe) private var previousActions: UnsafeMutablePointer<sigaction>?

/// Async-signal-safe: one `write(2)` and one `sigaction(2)`, no allocation, no locks.
private func onFatalSignal(_ signal: Int32) {
    var value = signal
    _ = withUnsafeBytes(of: &value) { write(markerFD, $0.baseAddress, 4) }
    if let previousActions { sigaction(signal, previousActions + Int(signal), nil) } else { Glibc.signal(signal, SIG_DFL) }
}
