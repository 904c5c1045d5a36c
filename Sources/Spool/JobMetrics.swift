import JobDocuments
import Metrics

/// What the queue counts into swift-metrics as jobs end (served at `GET /metrics` when a backend
/// is bootstrapped): `tiktok_jobs_finished_total{state}` (done, failed, canceled) and
/// `tiktok_job_failures_total{step}`, the step a failed job stopped at (`none` before any step).
enum JobMetrics {
    static func finished(_ status: JobStatus) {
        Counter(label: "tiktok_jobs_finished_total", dimensions: [("state", status.state.rawValue)]).increment()
        if status.state == .failed {
            Counter(label: "tiktok_job_failures_total", dimensions: [("step", status.error?.step ?? status.step?.rawValue ?? "none")]).increment()
        }
    }
}
