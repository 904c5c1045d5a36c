import Foundation
import Providers
import Synchronization

/// Limits shared by every job's requests to one service, so that a nightly batch does not set off
/// a storm of 429s: at most ``concurrency`` requests in flight (first come, first served), and at
/// most ``perMinute`` started in any 60 seconds; a limiter `within` another keeps that one's limits
/// too (image requests: their own concurrency, inside OpenAI's requests a minute). A cancelled
/// waiter leaves the line at once.
public final class RequestLimiter: Sendable {
    /// nil: no limit.
    public let concurrency: Int?
    public let perMinute: Int?
    private let inFlightLimit: FairSemaphore?
    /// When each of the last `perMinute` requests started.
    private let starts = Mutex<[ContinuousClock.Instant]>([])
    private let now: @Sendable () -> ContinuousClock.Instant
    private let outer: RequestLimiter?

    public init(concurrency: Int? = nil, perMinute: Int? = nil, within outer: RequestLimiter? = nil,
                now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }) {
        self.outer = outer
        self.concurrency = concurrency.flatMap { $0 > 0 ? $0 : nil }
        self.perMinute = perMinute.flatMap { $0 > 0 ? $0 : nil }
        self.inFlightLimit = self.concurrency.map { FairSemaphore(permits: $0) }
        self.now = now
    }

    /// Runs `body` once a place is free, and frees it after.
    public func run<T>(_ body: () async throws -> T) async throws -> T {
        try await inFlightLimit?.acquire()
        defer { inFlightLimit?.release() }
        try await waitForTheMinute()
        guard let outer else { return try await body() }
        return try await outer.run(body)
    }

    /// Requests in flight now (with a concurrency limit).
    public var inFlight: Int { inFlightLimit?.held ?? 0 }

    private func waitForTheMinute() async throws {
        guard let perMinute else { return }
        while true {
            let wait: Duration? = starts.withLock { starts in
                let current = now()
                starts.removeAll { current - $0 >= .seconds(60) }
                guard starts.count >= perMinute, let oldest = starts.first else {
                    starts.append(current)
                    return nil
                }
                return .seconds(60) - (current - oldest)
            }
            guard let wait else { return }
            try await Task.sleep(for: wait)
        }
    }
}
