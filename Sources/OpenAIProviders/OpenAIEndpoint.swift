import Foundation
import HTTPTransport
import Providers

/// One OpenAI-compatible service as its providers reach it: the retrying client, the base URL, the
/// model, the key (none for a local server) and the time limit of one attempt.
public struct OpenAIEndpoint: Sendable {
    public var service: ServiceClient
    public var baseURL: URL
    public var model: String
    public var apiKey: String?
    public var timeout: Duration

    public init(service: ServiceClient, baseURL: URL, model: String, apiKey: String?, timeout: Duration = .seconds(120)) {
        self.service = service
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
    }

    /// `Authorization: Bearer …` when there is a key. The key goes nowhere else.
    var headers: [HTTPHeader] { apiKey.map { [HTTPHeader("Authorization", "Bearer \($0)")] } ?? [] }

    func url(_ path: String) -> URL { baseURL.appending(path: path) }

    /// What `doctor` says of a provider on this endpoint.
    var readiness: ProviderReadiness {
        .ready("\(model) at \(baseURL.absoluteString)" + (apiKey == nil ? " (no key)" : ""))
    }
}
