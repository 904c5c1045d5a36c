import Foundation

/// A loopback TCP listener that accepts connections and never answers: a database behind a cut
/// link or a frozen host, as a client sees it. Closed when released.
public final class SilentListener: @unchecked Sendable {
    public let port: Int
    private let socket: Int32

    public init() throws {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        // The kernel completes handshakes into the backlog by itself: nobody needs to accept.
        guard bound == 0, listen(socket, 16) == 0 else { throw PostgresServer.HarnessError.failed("listen: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        self.socket = socket
    }

    deinit { close(socket) }
}
