import Foundation
import JobDocuments

/// How a job's status changes at each transition, the same in every queue. A queue applies one of
/// these, then records the result and moves the job; nothing else edits a status's state.
public enum JobTransitions {
    /// A new job from a claimed file: queued with the project's priority, or failed at once with the
    /// reason the file was refused (bad input is never lost: it is kept beside this status).
    public static func claimed(id: String, source: String, priority: Int?, refusal: String?, at now: Date) -> JobStatus {
        var status = JobStatus(id: id, source: source, now: now)
        status.priority = priority ?? 0
        if let refusal {
            status.state = .failed
            status.finishedAt = now
            status.error = .init(step: nil, message: refusal, retryable: false)
        }
        return status
    }

    /// Queued → running.
    public static func started(_ status: JobStatus, at now: Date) -> JobStatus {
        var status = status
        status.state = .running
        status.startedAt = status.startedAt ?? now
        status.finishedAt = nil
        status.error = nil
        status.updatedAt = now
        return status
    }

    /// Running → done, failed or canceled. A failure is noted in the attempt history (the retry
    /// policy reads it); a cancel is not a failure of the job.
    public static func finished(_ status: JobStatus, as outcome: JobOutcome, at now: Date) -> JobStatus {
        var status = status
        status.state = outcome.state
        status.finishedAt = now
        status.updatedAt = now
        switch outcome {
        case .done:
            status.error = nil
            status.progress = 100
        case .failed(let error):
            status.error = error
            recordAttempt(&status, .failed, step: error.step, message: error.message, at: now)
        case .canceled(let step):
            status.error = .init(step: step, message: "canceled", retryable: true)
        }
        return status
    }

    /// Running → queued, to resume later (not a failure): the unfinished step's record goes, finished
    /// steps stay, the attempt counts up.
    public static func requeued(_ status: JobStatus, at now: Date) -> JobStatus {
        var status = status
        status.steps.removeAll { $0.state == .running || $0.state == .failed }
        prepareRetry(&status, at: now)
        return status
    }

    /// Waiting → canceled, without running.
    public static func canceledWhileWaiting(_ status: JobStatus, at now: Date) -> JobStatus {
        var status = status
        status.state = .canceled
        status.error = .init(step: status.step?.rawValue, message: "canceled", retryable: true)
        status.finishedAt = now
        status.updatedAt = now
        return status
    }

    /// Failed or canceled → queued, by request: always, whatever the history says. With `from`, that
    /// step's record and every later one go (their files are deleted by the queue).
    public static func retried(_ status: JobStatus, from step: PipelineStep?, at now: Date) -> JobStatus {
        var status = status
        if let step { status.steps.removeAll { $0.name >= step } }
        status.steps.removeAll { $0.state != .done }
        prepareRetry(&status, at: now)
        return status
    }

    /// Abandoned mid-run (its runner crashed or was killed) → queued for the next attempt, or failed
    /// when the policy says its last attempts all ended the same way.
    public static func recovered(_ status: JobStatus, previousCrashSignal: Int32?, signalName: String,
                                 policy: RetryPolicy, at now: Date) -> JobStatus {
        var status = status
        let step = status.steps.last { $0.state == .running }?.name ?? status.step
        let during = step.map { " during \($0.rawValue)" } ?? ""
        if previousCrashSignal != nil {
            recordAttempt(&status, .crashed, step: step?.rawValue, message: "the daemon crashed (\(signalName))\(during)", at: now)
        } else {
            recordAttempt(&status, .interrupted, step: step?.rawValue,
                          message: "the daemon stopped\(during) (killed, or the machine went down)", at: now)
        }
        status.steps.removeAll { $0.state == .running }
        return retriedAutomatically(status, policy: policy, at: now)
    }

    /// A finished job handed back to be run again (its folder moved back into the inbox): queued for
    /// its next attempt, unless the policy stops it; failed when it cannot run at all (`problem`).
    public static func returned(_ status: JobStatus, problem: String?, policy: RetryPolicy, at now: Date) -> JobStatus {
        var status = status
        if let problem {
            status.state = .failed
            status.finishedAt = now
            status.updatedAt = now
            status.error = .init(step: nil, message: problem, retryable: false)
            return status
        }
        status.steps.removeAll { $0.state != .done }
        return retriedAutomatically(status, policy: policy, at: now)
    }

    /// Queued for the next attempt, or failed with the policy's reason: the one place this is decided.
    private static func retriedAutomatically(_ status: JobStatus, policy: RetryPolicy, at now: Date) -> JobStatus {
        var status = status
        if let repeated = policy.repeatedFailure(in: status) {
            status.state = .failed
            status.error = policy.givingUp(on: repeated)
            status.finishedAt = now
            status.updatedAt = now
        } else {
            prepareRetry(&status, at: now)
        }
        return status
    }

    /// Notes how the current attempt ended, keeping the last ``RetryPolicy/historyLength`` records.
    public static func recordAttempt(_ status: inout JobStatus, _ outcome: JobStatus.AttemptRecord.Outcome,
                                     step: String?, message: String, at now: Date) {
        var history = status.attempts ?? []
        history.append(.init(attempt: status.attempt, outcome: outcome, step: step, message: message, at: now))
        status.attempts = Array(history.suffix(RetryPolicy.historyLength))
    }

    /// Ready to run again: queued, the next attempt, no error. Finished steps stay finished, so the
    /// job resumes at its first unfinished one.
    static func prepareRetry(_ status: inout JobStatus, at now: Date) {
        status.state = .queued
        // A job sent back before any step ran, to wait for the budget, did not make an attempt.
        if status.waiting == nil { status.attempt += 1 }
        status.error = nil
        status.finishedAt = nil
        status.updatedAt = now
        status.progress = status.steps.filter { $0.state == .done }.map(\.name.progressWeight).reduce(0, +)
    }
}
