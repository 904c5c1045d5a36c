import Foundation
import Synchronization

/// The daemon's spending per UTC day against `DAILY_BUDGET_USD`, shared by all jobs.
///
/// A job that needs paid calls is admitted only if today's spending, plus what the jobs already
/// admitted are expected to spend, plus its own estimate, fits the budget; otherwise it waits in
/// `queued/` until the budget allows (a new day, or a raised budget on SIGHUP). Admission reserves
/// the estimate until the job ends; charges replace the reservation as they come.
public final class DailyBudget: Sendable {
    private let state: Mutex<State>
    private let now: @Sendable () -> Date

    struct State {
        var limitUsd: Double?
        var day: String
        var spentUsd: Double
        var reserved: [String: Double] = [:]
        var generation = 0
    }

    /// `spentToday`: what the index says finished jobs spent today.
    public init(limitUsd: Double?, spentToday: Double, now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
        self.state = Mutex(State(limitUsd: limitUsd, day: Self.day(of: now()), spentUsd: spentToday))
    }

    public var limitUsd: Double? { state.withLock { $0.limitUsd } }

    /// A reloaded configuration's budget.
    public func setLimit(_ limitUsd: Double?) {
        state.withLock {
            if $0.limitUsd != limitUsd { $0.generation += 1 }
            $0.limitUsd = limitUsd
        }
    }

    /// Changes whenever the budget may admit more than before: a new limit, a new day.
    public var generation: Int { withToday { $0.generation } }

    public var spentTodayUsd: Double { withToday { $0.spentUsd } }

    /// Whether job `id`, expected to cost `estimatedUsd`, may start now; if so its estimate is
    /// reserved until ``release(_:)``. Nil: admitted; else why it waits.
    public func admit(_ id: String, estimatedUsd: Double) -> String? {
        withToday { state in
            guard estimatedUsd > 0, let limit = state.limitUsd else { return nil }
            let committed = state.spentUsd + state.reserved.filter { $0.key != id }.values.reduce(0, +)
            guard committed + estimatedUsd <= limit + 1e-9 else {
                return String(format: "the daily budget: $%.4f of $%.4f (DAILY_BUDGET_USD) spent or committed today; this job needs about $%.4f",
                              committed, limit, estimatedUsd)
            }
            state.reserved[id] = estimatedUsd
            return nil
        }
    }

    /// The job ended: its reservation goes (its charges stay).
    public func release(_ id: String) { state.withLock { _ = $0.reserved.removeValue(forKey: id) } }

    /// Job `id` spent `usd`: today's spending grows, its reservation shrinks by as much.
    public func charge(_ usd: Double, job id: String) {
        withToday { state in
            state.spentUsd += usd
            if let reserved = state.reserved[id] { state.reserved[id] = max(0, reserved - usd) }
        }
    }

    /// Runs `body` on today's figures, starting a new day's at midnight UTC.
    private func withToday<T>(_ body: (inout State) -> T) -> T {
        let today = Self.day(of: now())
        return state.withLock { state in
            if state.day != today {
                state.day = today
                state.spentUsd = 0
                state.generation += 1
            }
            return body(&state)
        }
    }

    /// Midnight UTC of `date`'s day: where the budget's day starts.
    public static func startOfDay(_ date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.startOfDay(for: date)
    }

    static func day(of date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }
}
