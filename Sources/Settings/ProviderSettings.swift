import Foundation
import ProjectModel

/// Which remote services are configured, and how to reach them: read once with the other settings.
///
/// A service counts as configured when it has a key, or (for the OpenAI-compatible ones) a base URL
/// of its own: a local Ollama or whisper.cpp server needs no key. Keys are kept here and in the
/// clients built from them, nowhere else: ``Settings/effective`` says only "set".
public struct ProviderSettings: Sendable {
    /// One OpenAI-compatible service: chat, speech, transcription or images.
    public struct OpenAIService: Sendable, Hashable {
        public var baseURL: URL
        public var model: String
        public var apiKey: String?
        /// A key, or a base URL of the service's own.
        public var isConfigured: Bool
        /// The variables that would configure it, for "not configured" messages.
        public var howToConfigure: String
    }

    public var chat: OpenAIService
    public var speech: OpenAIService
    public var transcription: OpenAIService
    public var images: OpenAIService
    public var openAIRequestsPerMinute: Int

    public var elevenLabsKey: String?
    public var elevenLabsBaseURL: URL
    public var elevenLabsModel: String
    public var elevenLabsConcurrency: Int

    public var pexelsKey: String?
    public var pexelsBaseURL: URL

    public var maxConcurrentImageGeneration: Int
    /// The total limit of one attempt of one request.
    public var requestTimeout: Duration
    public var maxAttempts: Int
    /// The daemon's choice per step (`PROVIDER_PLAN`, …), for projects that name none.
    public var defaults = ProviderChoices()

    /// Every key set, for clients to redact from what servers echo back.
    public var secrets: [String] { [chat.apiKey, elevenLabsKey, pexelsKey].compactMap { $0 } }

    /// Settings with nothing configured: everything offline.
    public static let offline = ProviderSettings(
        chat: .unconfigured("gpt-4o-mini", "OPENAI_API_KEY or OPENAI_CHAT_BASE_URL"),
        speech: .unconfigured("tts-1", "OPENAI_API_KEY or OPENAI_TTS_BASE_URL"),
        transcription: .unconfigured("whisper-1", "OPENAI_API_KEY or OPENAI_TRANSCRIBE_BASE_URL"),
        images: .unconfigured("dall-e-3", "OPENAI_API_KEY or OPENAI_IMAGES_BASE_URL"),
        openAIRequestsPerMinute: 0, elevenLabsKey: nil, elevenLabsBaseURL: URL(string: "https://api.elevenlabs.io")!,
        elevenLabsModel: "eleven_multilingual_v2", elevenLabsConcurrency: 2, pexelsKey: nil,
        pexelsBaseURL: URL(string: "https://api.pexels.com")!,
        maxConcurrentImageGeneration: 3, requestTimeout: .seconds(120), maxAttempts: 3)
}

extension ProviderSettings.OpenAIService {
    static func unconfigured(_ model: String, _ how: String) -> Self {
        .init(baseURL: URL(string: "https://api.openai.com/v1")!, model: model, apiKey: nil, isConfigured: false, howToConfigure: how)
    }
}
