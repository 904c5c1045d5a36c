import Foundation
import Providers

/// A service's requests with retries: what every provider client sends its requests through.
///
/// Guarantees:
/// - a returned response has a 2xx status; anything else ends in a thrown ``ServiceError``;
/// - it tries at most ``RetryPolicy/maxAttempts`` times, and only after a network error, a timeout,
///   or a 408, 409, 429 or 5xx answer; `x-should-retry` from the server overrides the status;
/// - a wrong key (401, 403) and an exhausted quota (`insufficient_quota`, `quota_exceeded`) are never
///   retried, and are marked not retryable in the job's status;
/// - it waits as long as the server's `Retry-After` says, and at least the backoff otherwise;
/// - no message it makes contains one of its ``secrets``, even when a server echoes one;
/// - cancellation of the calling task stops it at once, mid-transfer or mid-wait.
public struct ServiceClient: Sendable {
    /// How errors name the service: `OpenAI chat`, `ElevenLabs speech`.
    public var service: String
    public var transport: any HTTPTransport
    public var policy: RetryPolicy
    /// Keys and tokens this client sends; they are cut from every message it makes.
    public var secrets: [String]
    /// Where successful answers are kept and looked up first; nil: every request goes out.
    public var cache: (any ResponseCache)?
    /// How requests are priced, for the job's ``JobSpending``; nil: free (a local server, Pexels).
    public var metering: Metering?
    /// Concurrency and requests a minute shared with every other job's client of the service.
    public var limiter: RequestLimiter?
    private let sleep: @Sendable (Duration) async throws -> Void
    private let random: @Sendable () -> Double

    public init(service: String, transport: any HTTPTransport, policy: RetryPolicy = .init(), secrets: [String] = [],
                cache: (any ResponseCache)? = nil, metering: Metering? = nil, limiter: RequestLimiter? = nil,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.service = service
        self.transport = transport
        self.policy = policy
        self.secrets = secrets.filter { $0.count >= 4 }
        self.cache = cache
        self.metering = metering
        self.limiter = limiter
        self.sleep = sleep
        self.random = random
    }

    /// The cached answer to `request`, else `request` sent until it succeeds or the policy gives up
    /// (and the answer cached). A sent request is authorized against, and charged to, the job's
    /// ``JobSpending``; a cached answer costs nothing.
    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let cache, let key = ResponseCacheKey.of(request, service: service) else { return try await sendPaid(request) }
        if let hit = await cache.response(for: key, downloadTo: request.downloadTo) {
            ProviderMetrics.cacheLookup(service, hit: true)
            return hit
        }
        ProviderMetrics.cacheLookup(service, hit: false)
        let response = try await sendPaid(request)
        await cache.store(response, for: key, service: service)
        return response
    }

    private func sendPaid(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard let metering, let spending = JobSpending.current else { return try await sendUncached(request) }
        try spending.authorize(metering.price.usd(metering.estimate(request)), service: service)
        let response = try await sendUncached(request)
        let usd = metering.price.usd(metering.measure(request, response))
        spending.charge(usd)
        ProviderMetrics.spent(service, usd: usd)
        return response
    }

    private func sendUncached(_ request: HTTPRequest) async throws -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            try Task.checkCancellation()
            let verdict: Verdict
            do {
                let response = try await limited { try await transport.send(request) }
                ProviderMetrics.attempt(service, status: response.status)
                if response.isSuccess { return response }
                verdict = judge(response, attempt: attempt)
            } catch let error as HTTPTransportError {
                ProviderMetrics.attempt(service, status: nil)
                verdict = error.isRetryable
                    ? .retry(after: nil, error: failure(status: nil, code: nil, message: error.message, retryable: true, attempts: attempt))
                    : .fail(failure(status: nil, code: nil, message: error.message, retryable: false, attempts: attempt))
            }
            switch verdict {
            case .fail(let error):
                throw error
            case .retry(let serverDelay, let error):
                guard attempt < policy.maxAttempts else { throw error }
                try await sleep(serverDelay ?? policy.backoff(afterAttempt: attempt, random: random()))
            }
        }
    }

    /// `send`, then the body decoded as JSON of type `T`; a body that does not decode is a
    /// permanent ``ServiceError`` (the server answered, but not what was asked).
    public func sendJSON<T: Decodable>(_ request: HTTPRequest, as type: T.Type) async throws -> (T, HTTPResponse) {
        let response = try await send(request)
        do {
            return (try JSONDecoder().decode(T.self, from: response.body), response)
        } catch {
            throw failure(status: response.status, code: nil,
                          message: "the answer is not the JSON expected (\(Self.decodingProblem(error)))", retryable: true, attempts: 1)
        }
    }

    /// Each attempt takes a place of the shared limits; waits between attempts do not hold one.
    private func limited(_ attempt: () async throws -> HTTPResponse) async throws -> HTTPResponse {
        guard let limiter else { return try await attempt() }
        return try await limiter.run(attempt)
    }

    private enum Verdict {
        case retry(after: Duration?, error: ServiceError)
        case fail(ServiceError)
    }

    private func judge(_ response: HTTPResponse, attempt: Int) -> Verdict {
        let body = ServiceErrorBody.parse(response.body)
        let message = body.message ?? Self.reason(response.status)
        func error(retryable: Bool, note: String = "") -> ServiceError {
            failure(status: response.status, code: body.code, message: message + note, retryable: retryable, attempts: attempt)
        }
        if let code = body.code, Self.permanentCodes.contains(code) { return .fail(error(retryable: false)) }
        if response.status == 401 || response.status == 403 { return .fail(error(retryable: false)) }
        let statusSaysRetry = [408, 409, 429].contains(response.status) || response.status >= 500
        let retry: Bool = switch response.header("x-should-retry")?.lowercased() {
        case "true": true
        case "false": false
        default: statusSaysRetry
        }
        guard retry else { return .fail(error(retryable: false)) }
        let delay = RetryPolicy.serverDelay(of: response)
        if let delay, delay > policy.maxServerDelay {
            return .fail(error(retryable: true, note: "; the server asks to wait \(delay.spoken), longer than \(policy.maxServerDelay.spoken)"))
        }
        return .retry(after: delay, error: error(retryable: true))
    }

    /// The standard reason phrase, for an error answer with an empty body.
    static func reason(_ status: Int) -> String {
        switch status {
        case 400: "bad request"
        case 401: "unauthorized (check the API key)"
        case 403: "forbidden"
        case 404: "not found (check the base URL and the model)"
        case 408: "request timeout"
        case 409: "conflict"
        case 413: "request too large"
        case 422: "unprocessable request"
        case 429: "too many requests"
        case 500: "internal server error"
        case 502: "bad gateway"
        case 503: "service unavailable"
        case 504: "gateway timeout"
        default: "an error answer with no explanation"
        }
    }

    /// Reasons that need a person (billing, a key), whatever the status says.
    static let permanentCodes: Set<String> = [
        "insufficient_quota", "billing_hard_limit_reached", "invalid_api_key", "quota_exceeded",
        "needs_authorization", "account_deactivated",
    ]

    private func failure(status: Int?, code: String?, message: String, retryable: Bool, attempts: Int) -> ServiceError {
        ServiceError(service: service, status: status, code: code, message: redact(message), retryable: retryable, attempts: attempts)
    }

    /// `text` with every secret of this client replaced.
    public func redact(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }

    private static func decodingProblem(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            "no \((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context):
            context.codingPath.isEmpty ? "not JSON" : "bad value at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: String(describing: error)
        }
    }
}
