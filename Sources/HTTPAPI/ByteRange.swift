/// One range of a `Range: bytes=…` header, resolved against a file's size (RFC 9110 §14.1.2):
/// `bytes=0-499`, `bytes=500-` (to the end), `bytes=-500` (the last 500).
///
/// Several ranges at once are not served as `multipart/byteranges`: the whole file answers them,
/// which the RFC allows.
enum ByteRange: Equatable {
    /// The whole file (no header, or one this server chooses to ignore).
    case whole
    case part(ClosedRange<Int>)
    /// Answered with 416 and `Content-Range: bytes */SIZE`.
    case unsatisfiable

    init(header: String?, size: Int) {
        guard let header, header.lowercased().hasPrefix("bytes=") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        switch (Int(first), Int(last)) {
        case (let start?, let end?) where start <= end:
            self = start < size ? .part(start...min(end, size - 1)) : .unsatisfiable
        case (let start?, nil) where last.isEmpty:
            self = start < size ? .part(start...(size - 1)) : .unsatisfiable
        case (nil, let suffix?) where first.isEmpty:
            self = suffix > 0 && size > 0 ? .part(max(0, size - suffix)...(size - 1)) : .unsatisfiable
        default:
            self = .whole
        }
    }
}
