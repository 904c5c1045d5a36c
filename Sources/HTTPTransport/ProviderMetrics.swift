import Metrics

/// What provider traffic counts into swift-metrics (served at `GET /metrics` when a backend is
/// bootstrapped; free no-ops otherwise). `provider` is the client's service name (`OpenAI chat`).
///
/// | metric | labels | counts |
/// |---|---|---|
/// | `tiktok_provider_requests_total` | provider, status | every attempt sent; status is the HTTP code, or `network` |
/// | `tiktok_provider_errors_total` | provider, status | attempts that did not answer 2xx |
/// | `tiktok_cache_hits_total`, `tiktok_cache_misses_total` | provider | lookups in the response cache |
/// | `tiktok_spend_usd_total` | provider | US dollars charged for answers (cached ones are free) |
enum ProviderMetrics {
    static func attempt(_ provider: String, status: Int?) {
        let status = status.map(String.init) ?? "network"
        Counter(label: "tiktok_provider_requests_total", dimensions: [("provider", provider), ("status", status)]).increment()
        if status == "network" || !(200..<300).contains(Int(status) ?? 0) {
            Counter(label: "tiktok_provider_errors_total", dimensions: [("provider", provider), ("status", status)]).increment()
        }
    }

    static func cacheLookup(_ provider: String, hit: Bool) {
        Counter(label: hit ? "tiktok_cache_hits_total" : "tiktok_cache_misses_total", dimensions: [("provider", provider)]).increment()
    }

    static func spent(_ provider: String, usd: Double) {
        guard usd > 0 else { return }
        FloatingPointCounter(label: "tiktok_spend_usd_total", dimensions: [("provider", provider)]).increment(by: usd)
    }
}
