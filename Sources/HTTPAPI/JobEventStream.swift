import Foundation
import HTTPTypes
import Hummingbird
import JobDocuments
import Operations
import ServiceLifecycle
import Synchronization

/// `GET /api/run/{id}/stream`: server-sent events of one job, as the runbook's web client expected
/// them — `state` first (the status and its recent log lines), then `step`, `progress` and `log` as
/// they happen, and `done`, `failed` or `canceled` at the end, after which the stream closes.
///
/// Guarantees: at most ``StreamSlots/limit`` streams are open (one more answers 503); a stream ends
/// when its job ends, when the client goes, and when the server shuts down; a comment line every
/// 15 s keeps proxies from closing a quiet stream. It reads the job's status file and log, as any
/// other reader of the spool does.
struct JobEventStream {
    let operations: SpoolOperations
    let slots: StreamSlots
    let pollInterval: Duration
    static let heartbeat: Duration = .seconds(15)

    func register(on router: Router<APIRequestContext>) {
        router.get("/api/run/{id}/stream") { _, context in try self.open(try RunRoutes.jobID(context)) }
    }

    func open(_ id: String) throws -> Response {
        guard let first = operations.status(of: id) else { throw APIError(.notFound, "no job '\(id)'") }
        guard slots.take() else {
            throw APIError(.serviceUnavailable, "\(slots.limit) event streams are open, the most this server keeps; try again later")
        }
        let headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-cache",
                                   HTTPField.Name("X-Accel-Buffering")!: "no"]
        return Response(status: .ok, headers: headers, body: ResponseBody { [self] writer in
            do {
                try await self.stream(id, first: first, to: &writer)
            } catch {
                slots.give()
                throw error
            }
            slots.give()
            try await writer.finish(nil)
        })
    }

    private func stream(_ id: String, first: JobStatus, to writer: inout any ResponseBodyWriter) async throws {
        let closing = Mutex(false)
        try await withGracefulShutdownHandler {
            var last = first
            let folder = operations.layout.locate(jobID: id)?.folder
            try await writer.write(Self.event("state", StateEvent(status: first, logs: folder.map { JobLogTail.lines(in: $0, last: RunRoutes.recentLogLines) } ?? [])))
            var logOffset = folder.map { JobLogTail.size(in: $0) } ?? 0
            var lastWrite = ContinuousClock.now
            while true {
                if last.state.isFinal {
                    try await writer.write(Self.event(last.state.rawValue, last))
                    return
                }
                try await Task.sleep(for: pollInterval)
                if closing.withLock({ $0 }) { return }
                guard let status = operations.status(of: id) else { return } // removed from outside
                var sent = false
                if status.step != last.step {
                    try await writer.write(Self.event("step", StepEvent(step: status.step?.rawValue, state: status.state.rawValue)))
                    sent = true
                }
                if status.progress != last.progress || status.state != last.state || status.step != last.step {
                    try await writer.write(Self.event("progress", ProgressEvent(progress: status.progress, step: status.step?.rawValue, state: status.state.rawValue)))
                    sent = true
                }
                if let folder = operations.layout.locate(jobID: id)?.folder {
                    let (lines, offset) = JobLogTail.lines(in: folder, after: logOffset)
                    logOffset = offset
                    for line in lines { try await writer.write(Self.event("log", LogEvent(log: line))) }
                    sent = sent || !lines.isEmpty
                }
                last = status
                if sent {
                    lastWrite = .now
                } else if lastWrite.duration(to: .now) >= Self.heartbeat {
                    try await writer.write(ByteBuffer(string: ": keep-alive\n\n"))
                    lastWrite = .now
                }
            }
        } onGracefulShutdown: {
            closing.withLock { $0 = true }
        }
    }

    struct StateEvent: Encodable {
        var status: JobStatus
        var logs: [String]
    }

    struct StepEvent: Encodable {
        var step: String?
        var state: String
    }

    struct ProgressEvent: Encodable {
        var progress: Int
        var step: String?
        var state: String
    }

    struct LogEvent: Encodable {
        var log: String
    }

    /// `event: NAME` and one `data:` line of JSON (the encoder writes no newlines).
    static func event(_ name: String, _ value: some Encodable) -> ByteBuffer {
        let json = (try? APIJSON.encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ByteBuffer(string: "event: \(name)\ndata: \(json)\n\n")
    }
}
