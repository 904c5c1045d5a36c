import Foundation
import Testing
@testable import Settings

@Suite("Provider settings: which services are configured, and keys never shown")
struct ProviderSettingsTests {
    private func load(_ environment: [String: String], file: String? = nil) async throws -> Settings {
        let root = FileManager.default.temporaryDirectory.appending(path: "providers-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root.appending(path: "spool"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        if let file { try Data(file.utf8).write(to: root.appending(path: "tiktok-ai.json")) }
        return try await SettingsLoader(environment: environment, flags: [:], spoolFlag: root.appending(path: "spool").path,
                                        configFlag: nil, workingDirectory: root).load()
    }

    @Test("with nothing set, every service is offline and the models are the SDKs' defaults")
    func offlineByDefault() async throws {
        let providers = try await load([:]).providers
        #expect(!providers.chat.isConfigured && !providers.speech.isConfigured)
        #expect(!providers.transcription.isConfigured && !providers.images.isConfigured)
        #expect(providers.chat.model == "gpt-4o-mini" && providers.speech.model == "tts-1")
        #expect(providers.transcription.model == "whisper-1" && providers.images.model == "dall-e-3")
        #expect(providers.chat.baseURL.absoluteString == "https://api.openai.com/v1")
        #expect(providers.elevenLabsKey == nil && providers.pexelsKey == nil && providers.secrets.isEmpty)
        #expect(providers.chat.howToConfigure == "OPENAI_API_KEY or OPENAI_CHAT_BASE_URL")
    }

    @Test("a key configures every OpenAI service, and doctor's list says only that it is set")
    func keyConfiguresOpenAI() async throws {
        let key = "sk-proj-0123456789abcdef"
        let settings = try await load(["OPENAI_API_KEY": key, "OPENAI_BASE_URL": "https://gateway.example/v1/"])
        let providers = settings.providers
        #expect(providers.chat.isConfigured && providers.speech.isConfigured && providers.images.isConfigured)
        #expect(providers.chat.apiKey == key)
        #expect(providers.speech.baseURL.absoluteString == "https://gateway.example/v1", "a trailing slash is dropped")
        #expect(providers.secrets == [key])
        let shown = settings.effective.first { $0.key == "openaiApiKey" }
        #expect(shown?.value == "set" && shown?.source == .environment("OPENAI_API_KEY"))
        #expect(!String(describing: settings.effective).contains(key))
    }

    @Test("a service's own base URL configures that service alone, with no key (a local Ollama)")
    func ownBaseURL() async throws {
        let providers = try await load(["OPENAI_CHAT_BASE_URL": "http://127.0.0.1:11434/v1", "OPENAI_CHAT_MODEL": "llama3.2"]).providers
        #expect(providers.chat.isConfigured && providers.chat.apiKey == nil)
        #expect(providers.chat.baseURL.absoluteString == "http://127.0.0.1:11434/v1" && providers.chat.model == "llama3.2")
        #expect(!providers.speech.isConfigured && !providers.images.isConfigured)
    }

    @Test("keys can come from the config file, and are still never shown")
    func keysFromTheFile() async throws {
        let settings = try await load([:], file: #"{"elevenlabsApiKey": "el-abcdef123456", "pexelsApiKey": "px-987654321"}"#)
        #expect(settings.providers.elevenLabsKey == "el-abcdef123456" && settings.providers.pexelsKey == "px-987654321")
        #expect(settings.effective.first { $0.key == "pexelsApiKey" }?.value == "set")
        #expect(!String(describing: settings.effective).contains("px-987654321"))
    }

    @Test("a base URL that is not http(s) stops the command, naming the variable")
    func badURL() async throws {
        let error = await #expect(throws: SettingsError.self) { try await load(["OPENAI_CHAT_BASE_URL": "localhost:11434"]) }
        #expect(error?.message.hasPrefix("OPENAI_CHAT_BASE_URL: 'localhost:11434' is not an http or https URL") == true)
    }
}
