import Foundation
import Synchronization

/// What one job has spent on paid provider calls, per step, against its cap: set for the job's
/// task by the runner (``current``), charged by the service clients as answers arrive.
///
/// Guarantees:
/// - ``authorize(_:service:)`` refuses a request whose estimate would take the job past its cap,
///   before it is sent: a job never spends more than its cap plus the error of one estimate;
/// - every charge is also charged to the ``DailyBudget`` the job runs under.
public final class JobSpending: Sendable {
    /// The job whose task this is; nil outside a job (`doctor`, tests of a client alone).
    @TaskLocal public static var current: JobSpending?

    /// US dollars; nil: no cap.
    public let capUsd: Double?
    /// Where the cap comes from, for the message: `maxCostUsd` or `MAX_JOB_COST_USD`.
    public let capSetting: String
    public let budget: DailyBudget?
    public let jobID: String
    private let state: Mutex<State>

    struct State {
        var step = "plan"
        var byStep: [String: Double] = [:]
        var requests = 0
    }

    /// `spent`: what earlier attempts of the job spent, by step (from its status).
    public init(jobID: String, capUsd: Double?, capSetting: String, budget: DailyBudget?, spent: [String: Double] = [:]) {
        self.jobID = jobID
        self.capUsd = capUsd
        self.capSetting = capSetting
        self.budget = budget
        self.state = Mutex(State(byStep: spent))
    }

    /// The step that later charges belong to.
    public func begin(step: String) { state.withLock { $0.step = step } }

    public var totalUsd: Double { state.withLock { $0.byStep.values.reduce(0, +) } }
    public var byStep: [String: Double] { state.withLock { $0.byStep } }
    /// Paid requests sent (cache hits are not).
    public var requests: Int { state.withLock { $0.requests } }

    /// Throws ``CostCapExceeded`` when a request estimated at `estimatedUsd` would pass the cap.
    public func authorize(_ estimatedUsd: Double, service: String) throws {
        guard let capUsd else { return }
        let spent = totalUsd
        if spent + estimatedUsd > capUsd + 1e-9 {
            throw CostCapExceeded(service: service, estimatedUsd: estimatedUsd, spentUsd: spent, capUsd: capUsd, setting: capSetting)
        }
    }

    /// Records what an answer cost.
    public func charge(_ usd: Double) {
        state.withLock {
            $0.byStep[$0.step, default: 0] += usd
            $0.requests += 1
        }
        budget?.charge(usd, job: jobID)
    }
}

/// A request refused before it was sent: it would take the job past its cost cap.
public struct CostCapExceeded: RetryClassifiedError, Sendable {
    /// Unchanged, the job would stop at the same request: the cap or the project must change.
    public var retryable: Bool { false }
    public var service: String
    public var estimatedUsd: Double
    public var spentUsd: Double
    public var capUsd: Double
    public var setting: String

    public init(service: String, estimatedUsd: Double, spentUsd: Double, capUsd: Double, setting: String) {
        self.service = service
        self.estimatedUsd = estimatedUsd
        self.spentUsd = spentUsd
        self.capUsd = capUsd
        self.setting = setting
    }

    public var description: String {
        String(format: "cost: the next %@ request (about $%.4f) would pass the job's cap of $%.4f (%@); $%.4f spent",
               service, estimatedUsd, capUsd, setting, spentUsd)
    }
}
