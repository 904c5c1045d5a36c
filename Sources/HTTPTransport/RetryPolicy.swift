import Foundation

/// How often and after how long a failed request is tried again, as the OpenAI SDKs do it:
/// exponential backoff from ``baseDelay`` doubling up to ``maxDelay``, less up to ``jitter`` of it at
/// random so that many clients do not retry in step, and the server's own `Retry-After` when it
/// gives one, unless that is longer than ``maxServerDelay`` (then waiting in-process is pointless:
/// the attempt fails and the job-level retry takes over).
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The fraction of a backoff that may be taken off at random (0.25: a 4 s wait is 3–4 s).
    public var jitter: Double
    public var maxServerDelay: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
                jitter: Double = 0.25, maxServerDelay: Duration = .seconds(120)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
        self.maxServerDelay = maxServerDelay
    }

    /// The wait after failed attempt `attempt` (1-based) when the server named none; `random` is in 0..<1.
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let doubled = baseDelay * Int(1 << min(max(attempt - 1, 0), 20))
        let capped = min(doubled, maxDelay)
        return capped * (1 - jitter * random)
    }

    /// The wait a response asks for: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP
    /// date (RFC 9110 §10.2.3). Nil when it names none, or none that parses.
    public static func serverDelay(of response: HTTPResponse, now: Date = Date()) -> Duration? {
        if let text = response.header("retry-after-ms"), let ms = Double(text.trimmingCharacters(in: .whitespaces)), ms >= 0 {
            return .milliseconds(Int64(ms.rounded(.up)))
        }
        guard let text = response.header("retry-after")?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        if let seconds = Double(text), seconds >= 0 { return .milliseconds(Int64((seconds * 1000).rounded(.up))) }
        guard let date = httpDate(text) else { return nil }
        let seconds = max(0, date.timeIntervalSince(now))
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the two obsolete forms RFC 9110 still
    /// asks recipients to accept.
    public static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
