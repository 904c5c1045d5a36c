import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// sd_notify(3) without libsystemd: datagrams of `KEY=VALUE` lines (`READY=1`, `STATUS=…`,
/// `STOPPING=1`, `WATCHDOG=1`) to the socket systemd names in `NOTIFY_SOCKET` — a path, or an abstract
/// name written `@name`.
///
/// Sending never throws and never blocks the caller for long (a datagram socket, `MSG_DONTWAIT`): the
/// service manager missing a message must not stop the daemon. ``init(environment:)`` is nil when there
/// is no socket to notify (not started by systemd with `Type=notify`).
public final class SystemdNotifier: Sendable {
    /// The `sockaddr_un` bytes and their length.
    private let address: [UInt8]
    private let descriptor: Int32
    public let socketName: String

    public convenience init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let name = environment["NOTIFY_SOCKET"], !name.isEmpty else { return nil }
        self.init(socket: name)
    }

    /// nil when the name cannot be a unix socket address (empty, too long, not a path or `@name`).
    public init?(socket name: String) {
        guard name.hasPrefix("/") || name.hasPrefix("@") else { return nil }
        var path = Array(name.utf8)
        // An abstract name starts with a NUL byte, and its length is exact (no terminating NUL).
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        var storage = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: storage.sun_path)
        guard path.count < capacity else { return nil }
        storage.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &storage.sun_path) { buffer in
            for (offset, byte) in path.enumerated() { buffer[offset] = byte }
        }
        let length = MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count + (path.first == 0 ? 0 : 1)
        address = withUnsafeBytes(of: &storage) { Array($0.prefix(length)) }
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        socketName = name
        guard descriptor >= 0 else { return nil }
    }

    deinit { close(descriptor) }

    /// Sends one message (lines joined by newlines); false when it was not delivered.
    @discardableResult
    public func send(_ lines: String...) -> Bool {
        let message = Array(lines.joined(separator: "\n").utf8)
        return address.withUnsafeBytes { addressBytes in
            message.withUnsafeBytes { body in
                let target = addressBytes.baseAddress!.assumingMemoryBound(to: sockaddr.self)
                while true {
                    let sent = sendto(descriptor, body.baseAddress, body.count, Int32(MSG_DONTWAIT) | Int32(MSG_NOSIGNAL),
                                      target, socklen_t(addressBytes.count))
                    if sent < 0 && errno == EINTR { continue }
                    return sent == body.count
                }
            }
        }
    }
}
