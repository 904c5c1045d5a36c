import EspeakSpeech
import Foundation
import HTTPTransport
import JobDocuments
import MediaProviders
import OpenAIProviders
import PaintedImages
import Pipeline
import Providers
import Settings
import TemplatePlanning

/// The composition root of the pipeline: which provider serves which step on this machine, and the
/// settings each part is tuned by. Offline by default, so a fresh machine renders with no keys; a
/// configured service (docs/providers.md) takes its step, with the offline provider as its fallback.
enum ProviderComposition {
    /// `musicLibrary`: where the library is; nil for none.
    static func catalog(_ settings: Settings, musicLibrary: URL?) -> ProviderCatalog {
        let timeout = Duration.milliseconds(settings.ffmpegTimeoutMs)
        let catalog = ProviderCatalog(
            // A dry run is a drill: it spends nothing on a model.
            planner: settings.renderDryRun ? TemplatePlanProvider() : planner(settings.providers),
            speech: speech(settings.providers),
            speechAligner: SpeechTimingsAligner(),
            estimatingAligner: settings.renderDryRun ? ProportionalAligner() : aligner(settings.providers),
            images: PainterImageProvider(),
            projectImages: ProjectImageProvider(),
            libraryMusic: LibraryMusicProvider(directory: musicLibrary, timeout: timeout),
            generatedMusic: GeneratedMusicProvider(timeout: timeout),
            projectMusic: ProjectMusicProvider(timeout: timeout),
            media: FFmpegMediaEngine(timeout: timeout))
        return settings.renderDryRun ? catalog.placeholders() : catalog
    }

    /// The chat planner when a chat service is configured, else the offline one.
    static func planner(_ providers: ProviderSettings) -> any Planner {
        let chat = providers.chat
        guard chat.isConfigured else { return TemplatePlanProvider() }
        let service = ServiceClient(service: "OpenAI chat", transport: CurlTransport(),
                                    policy: RetryPolicy(maxAttempts: providers.maxAttempts), secrets: providers.secrets)
        var client = ChatClient(service: service, baseURL: chat.baseURL, model: chat.model, apiKey: chat.apiKey)
        client.timeout = providers.requestTimeout
        return ChatPlanner(chat: client, fallback: TemplatePlanProvider())
    }

    /// OpenAI speech when a speech service is configured, else espeak-ng.
    static func speech(_ providers: ProviderSettings) -> any SpeechProvider {
        let speech = providers.speech
        guard speech.isConfigured else { return EspeakSpeechProvider() }
        let service = ServiceClient(service: "OpenAI speech", transport: CurlTransport(),
                                    policy: RetryPolicy(maxAttempts: providers.maxAttempts), secrets: providers.secrets)
        return OpenAISpeechProvider(service: service, baseURL: speech.baseURL, model: speech.model, apiKey: speech.apiKey,
                                    timeout: providers.requestTimeout)
    }

    /// Whisper for speech without timings when transcription is configured, else the estimate.
    static func aligner(_ providers: ProviderSettings) -> any WordAligner {
        let transcription = providers.transcription
        guard transcription.isConfigured else { return ProportionalAligner() }
        let service = ServiceClient(service: "OpenAI transcription", transport: CurlTransport(),
                                    policy: RetryPolicy(maxAttempts: providers.maxAttempts), secrets: providers.secrets)
        return WhisperAligner(service: service, baseURL: transcription.baseURL, model: transcription.model,
                              apiKey: transcription.apiKey, timeout: providers.requestTimeout)
    }

    static func pipelineSettings(_ settings: Settings) -> PipelineSettings {
        var pipeline = PipelineSettings()
        pipeline.assetRoots = settings.assetRoots
        pipeline.fontsDirectory = settings.fontsDirectory
        pipeline.ffmpegTimeout = .milliseconds(settings.ffmpegTimeoutMs)
        pipeline.minFreeDiskMB = settings.minFreeDiskMB
        pipeline.stepDelay = .milliseconds(settings.dryRunStepDelayMs)
        pipeline.failStep = settings.dryRunFailStep.flatMap { PipelineStep(rawValue: $0.lowercased()) }
        return pipeline
    }

    /// Each step with the provider that would serve it, for `doctor`.
    static func byStep(_ catalog: ProviderCatalog) -> [(step: String, provider: any Provider)] {
        [("plan", catalog.planner), ("voice", catalog.speech), ("align", catalog.speechAligner),
         ("align", catalog.estimatingAligner), ("images", catalog.images), ("images", catalog.projectImages),
         ("music", catalog.libraryMusic), ("music", catalog.generatedMusic), ("music", catalog.projectMusic),
         ("render", catalog.media)]
    }
}
