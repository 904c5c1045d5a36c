import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Where log lines go: stderr, a file. Writes never throw — a log that cannot be written must not stop
/// the daemon — and never block on anything but the descriptor.
public protocol LogSink: Sendable {
    /// Writes one whole line (newline included) of an event at `level`.
    func write(_ line: String, level: Logger.Level)
    /// Opens the path again (logrotate moved it away); nothing for a stream.
    func reopen()
}

/// The loop every sink writes with: the whole buffer, through `EINTR` and short writes.
enum LogSinkWrite {
    static func all(_ bytes: [UInt8], to descriptor: Int32) {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                if written <= 0 { return }
                offset += written
            }
        }
    }
}
