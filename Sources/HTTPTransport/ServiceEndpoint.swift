import Foundation
import Providers

/// One remote service as its providers reach it: the retrying client, the base URL, the model, the
/// key (none for a local server), how the key is sent, and the time limit of one attempt.
public struct ServiceEndpoint: Sendable {
    /// How a service takes its key.
    public enum KeyHeader: Sendable, Hashable {
        /// `Authorization: Bearer KEY` (OpenAI and the servers that copy its API).
        case bearer
        /// A header of its own (`xi-api-key` for ElevenLabs).
        case named(String)
    }

    public var service: ServiceClient
    public var baseURL: URL
    public var model: String
    public var apiKey: String?
    public var keyHeader: KeyHeader
    public var timeout: Duration

    public init(service: ServiceClient, baseURL: URL, model: String, apiKey: String?, keyHeader: KeyHeader = .bearer,
                timeout: Duration = .seconds(120)) {
        self.service = service
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.keyHeader = keyHeader
        self.timeout = timeout
    }

    /// The key's header, when there is a key. The key goes nowhere else.
    public var headers: [HTTPHeader] {
        guard let apiKey else { return [] }
        return switch keyHeader {
        case .bearer: [HTTPHeader("Authorization", "Bearer \(apiKey)")]
        case .named(let name): [HTTPHeader(name, apiKey)]
        }
    }

    public func url(_ path: String) -> URL { baseURL.appending(path: path) }

    /// What `doctor` says of a provider on this endpoint.
    public var readiness: ProviderReadiness {
        .ready("\(model) at \(baseURL.absoluteString)" + (apiKey == nil ? " (no key)" : ""))
    }
}

extension ServiceEndpoint {
    /// The price of this endpoint's model (free when its client has no metering).
    public var price: Price { service.metering?.price ?? .free }
}
