import CoreMetrics
import FileSafety
import Foundation
import JobDocuments
import Operations
import Prometheus

/// The process's metrics in Prometheus' text format (`GET /metrics`).
///
/// Two kinds of figures:
/// - counted where things happen, through swift-metrics (this type bootstraps it with
///   swift-prometheus' factory): step durations (`tiktok_step_duration_seconds`, a histogram), steps
///   run and failed, jobs finished by state, provider requests and errors by provider and status,
///   cache hits and misses, spend;
/// - read from the spool when scraped: jobs by state, the queue's length, inbox files, pause, and the
///   spool's free disk — so they are right even for changes made by another process (the CLI).
///
/// swift-metrics can be bootstrapped once per process; ``bootstrap()`` does it at most once.
public final class SpoolMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry

    /// Step durations: from a cached step's milliseconds to a long encode's minutes.
    public static let stepDurationBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
    ]

    private static let shared: SpoolMetrics = {
        let metrics = SpoolMetrics(registry: PrometheusCollectorRegistry())
        var factory = PrometheusMetricsFactory(registry: metrics.registry)
        factory.defaultDurationHistogramBuckets = stepDurationBuckets
        MetricsSystem.bootstrap(factory)
        return metrics
    }()

    /// The process's metrics, with swift-metrics sending everything counted to them.
    public static func bootstrap() -> SpoolMetrics { shared }

    /// Metrics of a registry no one counts into but the spool readings (tests).
    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// The spool's figures now, then every metric as text.
    public func scrape(_ operations: SpoolOperations) -> String {
        let counts = operations.counts()
        let byState: [(JobState, Int)] = [(.queued, counts.queued), (.running, counts.running), (.done, counts.done),
                                           (.failed, counts.failed), (.canceled, counts.canceled)]
        for (state, count) in byState {
            gauge("tiktok_jobs", "Jobs in each state (purged ones left out).", [("state", state.rawValue)]).set(Double(count))
        }
        gauge("tiktok_queue_length", "Jobs queued or running (the runbook's render queue length).").set(Double(counts.queued + counts.running))
        gauge("tiktok_inbox_files", "Files in the inbox not claimed yet.").set(Double(counts.inbox))
        gauge("tiktok_spool_paused", "1 while the spool's PAUSE file exists.").set(counts.paused ? 1.0 : 0.0)
        if let free = DiskSpace.freeMegabytes(at: operations.layout.root) {
            gauge("tiktok_spool_free_bytes", "Free disk space on the spool's filesystem.").set(Double(free) * 1_048_576)
        }
        if let size = DiskSpace.sizeMegabytes(at: operations.layout.root) {
            gauge("tiktok_spool_size_bytes", "Size of the spool's filesystem (with the free bytes: how full it is).")
                .set(Double(size) * 1_048_576)
        }
        return registry.emitToString()
    }

    private func gauge(_ name: String, _ help: String, _ labels: [(String, String)] = []) -> Prometheus.Gauge {
        registry.makeGauge(descriptor: MetricNameDescriptor(metricName: name, unitName: "", helpText: help), labels: labels)
    }
}
