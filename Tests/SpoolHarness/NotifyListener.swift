import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What systemd is to a `Type=notify` service, for tests: a unix datagram socket bound at a path (or an
/// abstract `@name`) that collects the messages sent to it, each with when it arrived.
public final class NotifyListener: Sendable {
    public struct Message: Sendable {
        public var text: String
        public var at: ContinuousClock.Instant
    }

    /// The value for `NOTIFY_SOCKET`.
    public let name: String
    private let descriptor: Int32

    /// Binds `name` (`/path` or `@abstract`); throws when it cannot.
    public init(name: String) throws {
        self.name = name
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var path = Array(name.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (offset, byte) in path.enumerated() { buffer[offset] = byte }
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count + (path.first == 0 ? 0 : 1))
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
    }

    deinit {
        close(descriptor)
        if name.hasPrefix("/") { unlink(name) }
    }

    /// The next message, or nil when none comes within `timeout` (polled every 5 ms, without blocking a thread).
    public func next(within timeout: Duration) async -> Message? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count >= 0 { return Message(text: String(decoding: buffer.prefix(count), as: UTF8.self), at: .now) }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Messages until one contains `line` (included), or nil when it does not come within `timeout`.
    public func messages(until line: String, within timeout: Duration) async -> [Message]? {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        var seen: [Message] = []
        while ContinuousClock.now < deadline {
            guard let message = await next(within: ContinuousClock.now.duration(to: deadline)) else { return nil }
            seen.append(message)
            if message.text.split(separator: "\n").contains(Substring(line)) { return seen }
        }
        return nil
    }
}
