import Synchronization

/// An ``HTTPTransport`` that answers from a script, for tests of what is built on it: each request
/// takes the next scripted outcome for its path (or the fallback), and every request is kept.
public final class ScriptedHTTPTransport: HTTPTransport {
    public enum Outcome: Sendable {
        case respond(HTTPResponse)
        case fail(HTTPTransportError)
    }

    private struct State {
        var scripts: [String: [Outcome]] = [:]
        var requests: [HTTPRequest] = []
    }

    private let state = Mutex(State())
    private let fallback: Outcome

    public init(fallback: Outcome = .respond(HTTPResponse(status: 404))) {
        self.fallback = fallback
    }

    /// Queues `outcomes` for requests whose URL path is `path`, answered in order.
    public func script(_ path: String, _ outcomes: Outcome...) {
        state.withLock { $0.scripts[path, default: []].append(contentsOf: outcomes) }
    }

    /// Every request sent, in order.
    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        try Task.checkCancellation()
        let outcome = state.withLock { state -> Outcome in
            state.requests.append(request)
            guard var queue = state.scripts[request.url.path], !queue.isEmpty else { return fallback }
            let next = queue.removeFirst()
            state.scripts[request.url.path] = queue
            return next
        }
        switch outcome {
        case .respond(let response): return response
        case .fail(let error): throw error
        }
    }
}
