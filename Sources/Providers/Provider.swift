/// What every provider has: a name, recorded in `status.json`'s `providers` for the step it served,
/// and a readiness check for `doctor` (and, later, `/api/status`).
///
/// The protocols of the steps build on it: ``Planner``, ``SpeechProvider``, ``WordAligner``,
/// ``ImageProvider`` and ``MusicProvider``. Every call is `async` and honours task cancellation: a
/// canceled job stops its provider calls within a second or two.
public protocol Provider: Sendable {
    /// `template`, `espeak-ng`, `painter`, `generated`, … — what `status.json` says ran.
    var name: String { get }
    /// Whether the provider can work on this machine now, and if not, what to do about it.
    func readiness() async -> ProviderReadiness
    /// Whether its work is waiting on a remote service rather than this machine's cores: a job whose
    /// step such a provider serves does not hold a render slot meanwhile.
    var isRemote: Bool { get }
}

extension Provider {
    public var isRemote: Bool { false }
}

/// The answer of ``Provider/readiness()``.
public struct ProviderReadiness: Sendable, Hashable {
    public var isReady: Bool
    /// What was checked, or what is missing and how to fix it.
    public var detail: String

    public init(isReady: Bool, detail: String) {
        self.isReady = isReady
        self.detail = detail
    }

    public static func ready(_ detail: String) -> ProviderReadiness { .init(isReady: true, detail: detail) }
    public static func notReady(_ detail: String) -> ProviderReadiness { .init(isReady: false, detail: detail) }
}
