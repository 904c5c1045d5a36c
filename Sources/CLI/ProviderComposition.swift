import ElevenLabsSpeech
import EspeakSpeech
import Foundation
import HTTPTransport
import JobDocuments
import MediaProviders
import OpenAIProviders
import PaintedImages
import PexelsMedia
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
            images: images(settings.providers),
            projectImages: ProjectImageProvider(),
            libraryMusic: LibraryMusicProvider(directory: musicLibrary, timeout: timeout),
            generatedMusic: GeneratedMusicProvider(timeout: timeout),
            projectMusic: ProjectMusicProvider(timeout: timeout),
            media: FFmpegMediaEngine(timeout: timeout))
        return settings.renderDryRun ? catalog.placeholders() : catalog
    }

    /// The chat planner when a chat service is configured, else the offline one.
    static func planner(_ providers: ProviderSettings) -> any Planner {
        guard providers.chat.isConfigured else { return TemplatePlanProvider() }
        return ChatPlanner(chat: ChatClient(endpoint: endpoint("OpenAI chat", providers.chat, providers)),
                           fallback: TemplatePlanProvider())
    }

    /// ElevenLabs when its key is set (it times its own words), else OpenAI speech when configured,
    /// else espeak-ng.
    static func speech(_ providers: ProviderSettings) -> any SpeechProvider {
        if let key = providers.elevenLabsKey {
            return ElevenLabsSpeechProvider(endpoint: ServiceEndpoint(
                service: client("ElevenLabs speech", providers), baseURL: providers.elevenLabsBaseURL,
                model: providers.elevenLabsModel, apiKey: key, keyHeader: .named("xi-api-key"), timeout: providers.requestTimeout))
        }
        guard providers.speech.isConfigured else { return EspeakSpeechProvider() }
        return OpenAISpeechProvider(endpoint: endpoint("OpenAI speech", providers.speech, providers))
    }

    /// Whisper for speech without timings when transcription is configured, else the estimate.
    static func aligner(_ providers: ProviderSettings) -> any WordAligner {
        guard providers.transcription.isConfigured else { return ProportionalAligner() }
        return WhisperAligner(endpoint: endpoint("OpenAI transcription", providers.transcription, providers))
    }

    /// OpenAI images when the image service is configured, else Pexels stock footage when its key
    /// is set (the painter drawing what it has nothing for), else the painter.
    static func images(_ providers: ProviderSettings) -> any ImageProvider {
        if providers.images.isConfigured {
            return OpenAIImageProvider(endpoint: endpoint("OpenAI images", providers.images, providers))
        }
        guard let key = providers.pexelsKey else { return PainterImageProvider() }
        return PexelsImageProvider(
            endpoint: ServiceEndpoint(service: client("Pexels", providers), baseURL: providers.pexelsBaseURL, model: "",
                                      apiKey: key, keyHeader: .named("Authorization"), timeout: providers.requestTimeout),
            fallback: PainterImageProvider())
    }

    /// One OpenAI-compatible service's endpoint: its own retrying client, named for its errors.
    private static func endpoint(_ name: String, _ service: ProviderSettings.OpenAIService,
                                 _ providers: ProviderSettings) -> ServiceEndpoint {
        ServiceEndpoint(service: client(name, providers), baseURL: service.baseURL, model: service.model,
                        apiKey: service.apiKey, timeout: providers.requestTimeout)
    }

    /// A retrying client named for its errors, with every configured key to redact.
    private static func client(_ name: String, _ providers: ProviderSettings) -> ServiceClient {
        ServiceClient(service: name, transport: CurlTransport(), policy: RetryPolicy(maxAttempts: providers.maxAttempts),
                      secrets: providers.secrets)
    }

    static func pipelineSettings(_ settings: Settings) -> PipelineSettings {
        var pipeline = PipelineSettings()
        pipeline.assetRoots = settings.assetRoots
        pipeline.fontsDirectory = settings.fontsDirectory
        pipeline.ffmpegTimeout = .milliseconds(settings.ffmpegTimeoutMs)
        pipeline.minFreeDiskMB = settings.minFreeDiskMB
        pipeline.maxConcurrentImageGeneration = settings.providers.maxConcurrentImageGeneration
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
