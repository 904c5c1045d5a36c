/// The project's `"providers"`: which provider serves a step, by name. A step left out takes the
/// daemon's default (`PROVIDER_PLAN`, …), and with none, the configured service or the offline one.
///
/// The parser only checks that a name is one of the step's; whether that provider is configured on
/// this machine is checked when the job starts, so a project stays valid on any host.
public struct ProviderChoices: Sendable, Hashable, Codable {
    public var plan: PlanProvider?
    public var voice: VoiceProvider?
    public var align: AlignProvider?
    public var images: ImagesProvider?

    public init(plan: PlanProvider? = nil, voice: VoiceProvider? = nil, align: AlignProvider? = nil,
                images: ImagesProvider? = nil) {
        self.plan = plan
        self.voice = voice
        self.align = align
        self.images = images
    }

    public var isEmpty: Bool { plan == nil && voice == nil && align == nil && images == nil }

    /// These choices, with each step this one leaves open taken from `defaults`.
    public func over(_ defaults: ProviderChoices) -> ProviderChoices {
        ProviderChoices(plan: plan ?? defaults.plan, voice: voice ?? defaults.voice,
                        align: align ?? defaults.align, images: images ?? defaults.images)
    }

    public enum PlanProvider: String, Sendable, Hashable, Codable, CaseIterable { case template, openai }
    public enum VoiceProvider: String, Sendable, Hashable, Codable, CaseIterable { case espeak, openai, elevenlabs }
    /// `speech`: the timings the voice gave (espeak-ng, ElevenLabs); `whisper`: recognised from the
    /// audio; `proportional`: spread over the audio by the text.
    public enum AlignProvider: String, Sendable, Hashable, Codable, CaseIterable { case speech, whisper, proportional }
    public enum ImagesProvider: String, Sendable, Hashable, Codable, CaseIterable { case painter, openai, pexels }
}
