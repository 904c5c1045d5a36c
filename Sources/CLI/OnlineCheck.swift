import Foundation
import HTTPTransport
import Operations
import Settings

/// `doctor --online`: one cheap authenticated request per configured service, once, without
/// retries, so an operator learns whether the key and the URL work before a batch finds out.
enum OnlineCheck {
    struct Probe {
        var name: String
        var request: HTTPRequest
    }

    /// The services configured in `providers`, each with its cheapest authenticated request: OpenAI's
    /// `GET /models` (once per base URL), ElevenLabs' `GET /v1/user`, a one-result Pexels search.
    static func probes(_ providers: ProviderSettings) -> [Probe] {
        var probes: [Probe] = []
        var seen = Set<URL>()
        let timeouts = HTTPTimeouts(connect: .seconds(5), total: .seconds(15), stall: .seconds(10))
        for (name, service) in [("OpenAI chat", providers.chat), ("OpenAI speech", providers.speech),
                                ("OpenAI transcription", providers.transcription), ("OpenAI images", providers.images)]
        where service.isConfigured && seen.insert(service.baseURL).inserted {
            let headers = service.apiKey.map { [HTTPHeader("Authorization", "Bearer \($0)")] } ?? []
            probes.append(Probe(name: name, request: HTTPRequest(url: service.baseURL.appending(path: "models"), headers: headers, timeouts: timeouts)))
        }
        if let key = providers.elevenLabsKey {
            probes.append(Probe(name: "ElevenLabs", request: HTTPRequest(url: providers.elevenLabsBaseURL.appending(path: "v1/user"),
                                                                         headers: [HTTPHeader("xi-api-key", key)], timeouts: timeouts)))
        }
        if let key = providers.pexelsKey {
            var search = URLComponents(url: providers.pexelsBaseURL.appending(path: "v1/search"), resolvingAgainstBaseURL: false)!
            search.queryItems = [URLQueryItem(name: "query", value: "ocean"), URLQueryItem(name: "per_page", value: "1")]
            probes.append(Probe(name: "Pexels", request: HTTPRequest(url: search.url!, headers: [HTTPHeader("Authorization", key)],
                                                                     timeouts: timeouts)))
        }
        return probes
    }

    /// One check a probe: ok with the status and the time, or failing with what the server said.
    static func run(_ providers: ProviderSettings, transport: any HTTPTransport = CurlTransport()) async -> [Doctor.Check] {
        var checks: [Doctor.Check] = []
        for probe in probes(providers) {
            let client = ServiceClient(service: probe.name, transport: transport, policy: RetryPolicy(maxAttempts: 1),
                                       secrets: providers.secrets)
            let clock = ContinuousClock()
            let label = "online: \(probe.name)"
            do {
                var status = 0
                let elapsed = try await clock.measure { status = try await client.send(probe.request).status }
                checks.append(.init(name: label, verdict: .ok, detail: "\(probe.request.label) answered HTTP \(status) in \(elapsed.milliseconds) ms"))
            } catch {
                checks.append(.init(name: label, verdict: .fail, detail: client.redact("\(error)")))
            }
        }
        if checks.isEmpty { checks.append(.init(name: "online", verdict: .ok, detail: "no service is configured: everything runs offline")) }
        return checks
    }
}
