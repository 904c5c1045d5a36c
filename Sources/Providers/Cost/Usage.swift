/// What one paid request used, as its response says (or, before it is sent, as estimated).
public struct Usage: Sendable, Hashable, Codable {
    public var inputTokens = 0
    public var outputTokens = 0
    /// Characters spoken (text to speech).
    public var characters = 0
    /// Seconds of audio heard (transcription).
    public var audioSeconds = 0.0
    public var images = 0

    public init(inputTokens: Int = 0, outputTokens: Int = 0, characters: Int = 0, audioSeconds: Double = 0, images: Int = 0) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.characters = characters
        self.audioSeconds = audioSeconds
        self.images = images
    }
}

/// What a model costs, in US dollars per unit of ``Usage``. A unit a model is not billed by is 0.
public struct Price: Sendable, Hashable, Codable {
    public var perMillionInputTokens = 0.0
    public var perMillionOutputTokens = 0.0
    public var perMillionCharacters = 0.0
    public var perMinute = 0.0
    public var perImage = 0.0

    public init(perMillionInputTokens: Double = 0, perMillionOutputTokens: Double = 0, perMillionCharacters: Double = 0,
                perMinute: Double = 0, perImage: Double = 0) {
        self.perMillionInputTokens = perMillionInputTokens
        self.perMillionOutputTokens = perMillionOutputTokens
        self.perMillionCharacters = perMillionCharacters
        self.perMinute = perMinute
        self.perImage = perImage
    }

    public static let free = Price()

    /// A price file may name only the units its model is billed by.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        perMillionInputTokens = try container.decodeIfPresent(Double.self, forKey: .perMillionInputTokens) ?? 0
        perMillionOutputTokens = try container.decodeIfPresent(Double.self, forKey: .perMillionOutputTokens) ?? 0
        perMillionCharacters = try container.decodeIfPresent(Double.self, forKey: .perMillionCharacters) ?? 0
        perMinute = try container.decodeIfPresent(Double.self, forKey: .perMinute) ?? 0
        perImage = try container.decodeIfPresent(Double.self, forKey: .perImage) ?? 0
    }

    public func usd(_ usage: Usage) -> Double {
        (Double(usage.inputTokens) * perMillionInputTokens + Double(usage.outputTokens) * perMillionOutputTokens
            + Double(usage.characters) * perMillionCharacters) / 1_000_000
            + usage.audioSeconds / 60 * perMinute + Double(usage.images) * perImage
    }
}
