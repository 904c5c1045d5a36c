import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum SpoolError: Error, CustomStringConvertible, Sendable {
    case io(String, Int32)
    case locked(String)
    case notFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .io(let what, let code): "\(what): \(String(cString: strerror(code)))"
        case .locked(let message): message
        case .notFound(let message): message
        case .invalid(let message): message
        }
    }

    /// True when the failure was a full disk.
    public var isNoSpace: Bool {
        if case .io(_, let code) = self { return code == ENOSPC }
        return false
    }
}
