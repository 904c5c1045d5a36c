import JobDocuments
import Metrics

/// What running steps counts into swift-metrics (served at `GET /metrics` when a backend is
/// bootstrapped; free no-ops otherwise). Only steps that really ran count; a step whose outputs were
/// already complete is not a run.
///
/// | metric | labels | counts |
/// |---|---|---|
/// | `tiktok_step_duration_seconds` | step | a histogram of each run's wall time |
/// | `tiktok_steps_total` | step, outcome (`done`, `failed`, `stopped`) | runs, so renders are `{step="render",outcome="done"}`; `stopped`: canceled or drained |
enum StepMetrics {
    enum Outcome: String {
        case done, failed, stopped
    }

    static func ran(_ step: PipelineStep, seconds: Double, _ outcome: Outcome) {
        Metrics.Timer(label: "tiktok_step_duration_seconds", dimensions: [("step", step.rawValue)])
            .recordNanoseconds(Int64(max(0, seconds) * 1_000_000_000))
        Counter(label: "tiktok_steps_total", dimensions: [("step", step.rawValue), ("outcome", outcome.rawValue)]).increment()
    }
}
