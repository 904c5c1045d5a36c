import JobDocuments
import JobQueue

/// Decides which jobs start, and when: a state machine with no I/O and no clock of its own. Events go
/// in — the queue's listing, new jobs, a job's end, the inbox going idle, a drain — with the conditions
/// at that moment (pause, free disk) and the time; actions come out — start this job, hold, release,
/// stop the running ones, finish. ``SchedulerService`` performs the actions and feeds it.
///
/// Rules it keeps:
/// - at most `slots` jobs run at once, started highest priority first, then oldest (``WaitingJob``);
/// - nothing starts before recovery is done, while the spool is paused, or while the disk has less
///   free space than the minimum; a hold is announced once, and looked at again every `recheck`;
/// - a job sent back to wait for the daily budget is not started again until the budget changes
///   (``Conditions/budgetGeneration``: a new day, a reloaded `DAILY_BUDGET_USD`); jobs that need no
///   paid call go on starting meanwhile;
/// - a drain stops starting and stops the running jobs, and finishes once none runs;
/// - with `once`, it finishes when the inbox is idle and nothing runs, with what still waits (and why).
public struct Scheduler<Instant: InstantProtocol & Sendable>: Sendable where Instant.Duration == Duration {
    public struct Conditions: Sendable, Equatable {
        public var paused: Bool
        public var freeMB: Int64?
        /// Changes whenever the daily budget may admit more: a new day, a new limit.
        public var budgetGeneration: Int

        public init(paused: Bool, freeMB: Int64?, budgetGeneration: Int = 0) {
            self.paused = paused
            self.freeMB = freeMB
            self.budgetGeneration = budgetGeneration
        }
    }

    /// Why waiting jobs do not start.
    public enum Hold: Sendable, Equatable {
        case paused
        case lowDisk(freeMB: Int64, minimumMB: Int64)
    }

    public enum Event: Sendable, Equatable {
        /// Recovery is done: jobs may start.
        case startupFinished
        /// Everything that waits, as the queue lists it now (the truth).
        case listed([WaitingJob])
        /// New jobs that wait (claims).
        case queued([WaitingJob])
        /// Files claimed straight into failed/ (bad input): they count as failed in the summary.
        case refused([String])
        /// A started job ended in this state (nil: it was gone before it started).
        case ended(id: String, state: JobState?)
        /// A started job went back to `queued/` to wait for the daily budget.
        case waitsForBudget(WaitingJob)
        /// Whether the inbox has anything left to claim.
        case inbox(idle: Bool)
        case drain
        /// Time passed (a hold's recheck).
        case tick
    }

    public enum Action: Sendable, Equatable {
        case start(WaitingJob)
        case hold(Hold)
        case release
        /// Stop every running job (they go back to the queue).
        case stopRunning
        /// Nothing more to do: drained, or (`once`) the inbox and queue are done.
        case finish(DaemonSummary)
    }

    public let slots: Int
    public let minimumFreeMB: Int64
    public let recheck: Duration
    public let once: Bool

    public private(set) var waiting: [WaitingJob] = []
    public private(set) var running: Set<String> = []
    public private(set) var hold: Hold?
    /// Jobs waiting for the budget to change from ``budgetHeldAt``.
    public private(set) var budgetHeld: [WaitingJob] = []
    private var budgetHeldAt = 0
    /// When the machine wants a ``Event/tick``: while jobs are held.
    public private(set) var deadline: Instant?
    private var started = false
    private var inboxIdle = false
    private var draining = false
    private var finished = false
    private var summary = DaemonSummary()

    public init(slots: Int, minimumFreeMB: Int64, recheck: Duration = .seconds(1), once: Bool = false) {
        self.slots = max(1, slots)
        self.minimumFreeMB = minimumFreeMB
        self.recheck = recheck
        self.once = once
    }

    public mutating func handle(_ event: Event, conditions: Conditions, now: Instant) -> [Action] {
        guard !finished else { return [] }
        var actions: [Action] = []
        switch event {
        case .startupFinished:
            started = true
        case .listed(let jobs):
            let held = Set(budgetHeld.map(\.id))
            waiting = jobs.filter { !running.contains($0.id) && !held.contains($0.id) }.sorted()
        case .queued(let jobs):
            let known = Set(waiting.map(\.id)).union(running).union(budgetHeld.map(\.id))
            waiting = (waiting + jobs.filter { !known.contains($0.id) }).sorted()
        case .refused(let ids):
            summary.failed += ids
        case .ended(let id, let state):
            running.remove(id)
            switch state {
            case .done?: summary.done.append(id)
            case .failed?, .canceled?: summary.failed.append(id)
            case .queued?, .running?, nil: break
            }
        case .waitsForBudget(let job):
            running.remove(job.id)
            if budgetHeld.isEmpty { budgetHeldAt = conditions.budgetGeneration }
            budgetHeld.append(job)
            waiting.removeAll { $0.id == job.id }
        case .inbox(let idle):
            inboxIdle = idle
        case .drain:
            if !draining {
                draining = true
                waiting = []
                if !running.isEmpty { actions.append(.stopRunning) }
            }
        case .tick:
            break
        }
        if !budgetHeld.isEmpty, conditions.budgetGeneration != budgetHeldAt {
            waiting = (waiting + budgetHeld).sorted()
            budgetHeld = []
        }
        actions += decide(conditions)
        deadline = (hold != nil && !waiting.isEmpty) || !budgetHeld.isEmpty ? now.advanced(by: recheck) : nil
        return actions
    }

    private mutating func decide(_ conditions: Conditions) -> [Action] {
        if draining {
            guard running.isEmpty else { return [] }
            finished = true
            return [.finish(summary)]
        }
        guard started else { return [] }
        var actions: [Action] = []
        let newHold = holdReason(conditions)
        if newHold != hold {
            hold = newHold
            actions.append(newHold.map(Action.hold) ?? .release)
        }
        if hold == nil {
            while running.count < slots, !waiting.isEmpty {
                let next = waiting.removeFirst()
                running.insert(next.id)
                actions.append(.start(next))
            }
        }
        if once, inboxIdle, running.isEmpty, waiting.isEmpty || hold != nil {
            var result = summary
            result.waiting = (waiting + budgetHeld).map(\.id)
            result.waitingReason = waiting.isEmpty ? (budgetHeld.isEmpty ? nil : "the daily budget (DAILY_BUDGET_USD) is spent") : hold.map(Self.describe)
            finished = true
            actions.append(.finish(result))
        }
        return actions
    }

    /// Only jobs that could start are held: with nothing waiting or no free slot, there is no hold.
    private func holdReason(_ conditions: Conditions) -> Hold? {
        guard !waiting.isEmpty, running.count < slots else { return hold }
        if conditions.paused { return .paused }
        if minimumFreeMB > 0, let free = conditions.freeMB, free < minimumFreeMB {
            return .lowDisk(freeMB: free, minimumMB: minimumFreeMB)
        }
        return nil
    }

    /// The hold as the log and `run --once` say it.
    public static func describe(_ hold: Hold) -> String {
        switch hold {
        case .paused: "the spool is paused; `tiktok-ai resume` starts them"
        case .lowDisk(let free, let minimum): "only \(free) MB free on the spool's filesystem (MIN_FREE_DISK_MB \(minimum))"
        }
    }
}
