import Foundation

/// The price of each model, by name: built-in list prices, overridden by a JSON file
/// (`PRICES_FILE`: `{"gpt-4o-mini": {"perMillionInputTokens": 0.15, "perMillionOutputTokens": 0.6}}`).
/// A model that is in neither costs nothing: a local server (Ollama, whisper.cpp) is free.
public struct PriceTable: Sendable, Hashable {
    public var prices: [String: Price]

    public init(prices: [String: Price] = PriceTable.listPrices) { self.prices = prices }

    public func price(of model: String) -> Price { prices[model] ?? .free }

    /// Published list prices (standard tier, per unit named), as a default to override.
    public static let listPrices: [String: Price] = [
        "gpt-4o-mini": Price(perMillionInputTokens: 0.15, perMillionOutputTokens: 0.60),
        "gpt-4o": Price(perMillionInputTokens: 2.50, perMillionOutputTokens: 10.00),
        "gpt-4.1-mini": Price(perMillionInputTokens: 0.40, perMillionOutputTokens: 1.60),
        "tts-1": Price(perMillionCharacters: 15),
        "tts-1-hd": Price(perMillionCharacters: 30),
        "gpt-4o-mini-tts": Price(perMillionCharacters: 12),
        "whisper-1": Price(perMinute: 0.006),
        "gpt-4o-transcribe": Price(perMinute: 0.006),
        "gpt-4o-mini-transcribe": Price(perMinute: 0.003),
        // Standard quality at the vertical size each model is asked for.
        "dall-e-3": Price(perImage: 0.08),
        "dall-e-2": Price(perImage: 0.02),
        "gpt-image-1": Price(perImage: 0.063),
        "gpt-image-1-mini": Price(perImage: 0.015),
        // Per character of the Creator plan's overage.
        "eleven_multilingual_v2": Price(perMillionCharacters: 300),
        "eleven_flash_v2_5": Price(perMillionCharacters: 150),
        "eleven_turbo_v2_5": Price(perMillionCharacters: 150),
    ]

    /// The list prices with every model of `file` replacing its entry.
    public static func load(_ file: URL) throws -> PriceTable {
        let overrides = try JSONDecoder().decode([String: Price].self, from: Data(contentsOf: file))
        return PriceTable(prices: listPrices.merging(overrides) { $1 })
    }
}
