import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A one-thread HTTP/1.1 listener on 127.0.0.1 for what moto cannot show: the exact request libcurl
/// sends (head and body, for the signature tests) and a server that stops mid-transfer (for
/// cancellation). It serves connections one at a time, each as the next ``Behaviour`` of its script
/// says (the last one for all that follow), until ``stop()``; every wait in it is bounded by `poll`
/// timeouts.
final class LoopbackListener: Sendable {
    enum Behaviour: Sendable {
        /// Reads the whole request, then answers with `status` and `body`.
        case answer(status: Int, headers: [String] = [], body: Data = Data())
        /// Reads the request head only and then neither reads nor writes: an upload stalls once the
        /// socket buffers are full.
        case stallReading
        /// Reads the request, sends a head promising `length` bytes and `prefix` of them, then stalls.
        case stallSending(length: Int, prefix: Data)
    }

    struct Request: Sendable {
        var head: String
        var body: Data

        var requestLine: String { head.components(separatedBy: "\r\n").first ?? "" }

        /// Header values by lower-cased name (the last one of a name).
        var headers: [String: String] {
            var result: [String: String] = [:]
            for line in head.components(separatedBy: "\r\n").dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                result[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            return result
        }
    }

    let port: UInt16
    private let descriptor: Int32
    private let state: Mutex<(script: [Behaviour], requests: [Request], stopped: Bool)>
    private let finished = Atomic<Bool>(false)

    init(_ script: Behaviour...) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard fd >= 0, bound else {
            let code = errno
            close(fd)
            throw POSIXError(.init(rawValue: code) ?? .EIO)
        }
        descriptor = fd
        port = UInt16(bigEndian: address.sin_port)
        state = Mutex((script, [], false))
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var url: URL { URL(string: "http://127.0.0.1:\(port)")! }
    var requests: [Request] { state.withLock { $0.requests } }

    /// Ends the thread (within 0.1 s) and closes the socket.
    func stop() {
        state.withLock { $0.stopped = true }
        let deadline = ContinuousClock.now.advanced(by: .seconds(2))
        while !finished.load(ordering: .acquiring), ContinuousClock.now < deadline { usleep(10_000) }
    }

    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func serve() {
        defer {
            close(descriptor)
            finished.store(true, ordering: .releasing)
        }
        while !isStopped {
            guard wait(descriptor) else { continue }
            let connection = accept(descriptor, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var received = Data()
        while received.range(of: Data("\r\n\r\n".utf8)) == nil {
            guard let chunk = read(connection) else { return }
            received.append(chunk)
        }
        let split = received.range(of: Data("\r\n\r\n".utf8))!
        let head = String(decoding: received[..<split.lowerBound], as: UTF8.self)
        var body = Data(received[split.upperBound...])
        var request = Request(head: head, body: Data())
        let behaviour = state.withLock { $0.script.count > 1 ? $0.script.removeFirst() : $0.script[0] }
        if case .stallReading = behaviour {
            state.withLock { $0.requests.append(request) }
            while !isStopped, peerIsOpen(connection) { usleep(20_000) }
            return
        }
        if request.headers["expect"]?.lowercased() == "100-continue" { send(connection, Data("HTTP/1.1 100 Continue\r\n\r\n".utf8)) }
        let length = Int(request.headers["content-length"] ?? "") ?? 0
        while body.count < length {
            guard let chunk = read(connection) else { return }
            body.append(chunk)
        }
        request.body = body
        state.withLock { $0.requests.append(request) }
        switch behaviour {
        case .answer(let status, let headers, let content):
            let lines = ["HTTP/1.1 \(status) Whatever", "Content-Length: \(content.count)", "Connection: close"] + headers
            send(connection, Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + content)
        case .stallSending(let total, let prefix):
            send(connection, Data("HTTP/1.1 200 OK\r\nContent-Length: \(total)\r\n\r\n".utf8) + prefix)
            while !isStopped, peerIsOpen(connection) { usleep(20_000) }
        case .stallReading:
            break
        }
    }

    /// Whether `fd` is readable within 0.1 s.
    private func wait(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 100) > 0
    }

    /// The next bytes, or nil at the end, on an error, after 10 s of silence or once stopped.
    private func read(_ fd: Int32) -> Data? {
        for _ in 0..<100 {
            if isStopped { return nil }
            guard wait(fd) else { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? Data(buffer[..<count]) : nil
        }
        return nil
    }

    /// False once the client closed its end with nothing left unread (it gave up or was cancelled).
    private func peerIsOpen(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(fd, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        return count > 0 || (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
    }

    private func send(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(fd, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { return }
                offset += sent
            }
        }
    }
}
