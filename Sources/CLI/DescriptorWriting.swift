#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `text` to `descriptor` with write(2), unbuffered and retried on EINTR, so a line is
/// never left half-written between other writers (the log file, the terminal display).
func writeAll(_ text: String, to descriptor: Int32) {
    var bytes = Array(text.utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { return }
            offset += written
        }
    }
}
