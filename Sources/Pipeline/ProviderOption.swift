import ProjectModel
import Providers

/// A provider a project may name in `"providers"`: ready on this machine, or not configured here,
/// with the setting that would make it so.
public enum ProviderOption<Service: Sendable>: Sendable {
    case ready(Service)
    /// `fix` says what to set, such as "set OPENAI_API_KEY (or OPENAI_TTS_BASE_URL for a local server)".
    case unconfigured(fix: String)
}

/// Every provider each step could use on this machine, by the name a project gives it.
public struct ProviderOptions: Sendable {
    public var plan: [ProviderChoices.PlanProvider: ProviderOption<any Planner>] = [:]
    public var voice: [ProviderChoices.VoiceProvider: ProviderOption<any SpeechProvider>] = [:]
    /// `speech` is not here: it is the voice's own timings, whichever voice speaks.
    public var align: [ProviderChoices.AlignProvider: ProviderOption<any WordAligner>] = [:]
    public var images: [ProviderChoices.ImagesProvider: ProviderOption<any ImageProvider>] = [:]

    public init() {}

    /// Every provider that is ready, whatever its step.
    var readyProviders: [any Provider] {
        func ready<P>(_ options: some Collection<ProviderOption<P>>) -> [any Provider] {
            options.compactMap { if case .ready(let provider) = $0 { provider as? any Provider } else { nil } }
        }
        return ready(plan.values) + ready(voice.values) + ready(align.values) + ready(images.values)
    }
}

/// A project (or the daemon's configuration) chose a provider this machine cannot use.
public struct ProviderChoiceError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) { self.description = description }

    /// `field` is where the choice came from: `providers.voice` or `PROVIDER_VOICE`.
    static func pick<Name: RawRepresentable & Hashable, Service>(_ options: [Name: ProviderOption<Service>], _ name: Name,
                                                                field: String) throws -> Service where Name.RawValue == String {
        switch options[name] {
        case .ready(let service): return service
        case .unconfigured(let fix):
            throw ProviderChoiceError("\(field): '\(name.rawValue)' is not configured on this machine: \(fix)")
        case nil:
            throw ProviderChoiceError("\(field): '\(name.rawValue)' is not available on this machine")
        }
    }
}
