import Foundation
import JobDocuments

/// When a job may run again on its own.
///
/// A job whose last `limit` attempts ended the same way (same step, same message) is a poison pill:
/// running it again would fail again, or crash the daemon again. Automatic retries (crash recovery,
/// a folder moved back into `inbox/`) stop there; `tiktok-ai retry` still forces one.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts that must end the same way in a row before automatic retries stop; 0 never stops.
    public var limit: Int
    /// How many attempt records `status.json` keeps.
    public static let historyLength = 10

    public init(limit: Int = 3) { self.limit = limit }

    /// The failure the last `limit` attempts share, or nil when the job may be retried automatically.
    ///
    /// Failures and crashes of the daemon count; a kill from outside (`kill -9`, a power cut) is not
    /// the job's fault and is skipped: it neither counts nor breaks a run of equal failures.
    public func repeatedFailure(in status: JobStatus) -> JobStatus.AttemptRecord? {
        let history = (status.attempts ?? []).filter { $0.outcome != .interrupted }
        guard limit > 0, history.count >= limit else { return nil }
        let last = history.suffix(limit)
        guard let first = last.first, last.allSatisfy({ $0.step == first.step && $0.message == first.message }) else { return nil }
        return first
    }

    /// The error a job gets when automatic retries stop.
    public func givingUp(on failure: JobStatus.AttemptRecord) -> JobStatus.JobError {
        .init(step: failure.step,
              message: "not retried automatically: the last \(limit) attempts ended the same way"
                  + "\(failure.step.map { " at \($0)" } ?? ""): \(failure.message) (use `tiktok-ai retry` to force one)",
              retryable: false)
    }
}
