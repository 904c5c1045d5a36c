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
import ProjectModel
import Providers
import Settings
import TemplatePlanning

/// The composition root of the pipeline: which provider serves which step on this machine, and the
/// settings each part is tuned by. Offline by default, so a fresh machine renders with no keys; a
/// configured service (docs/providers.md) takes its step, with the offline provider as its fallback.
struct ProviderComposition {
    let providers: ProviderSettings
    let prices: PriceTable
    /// Where every remote provider's answers are kept; nil: none.
    let cache: (any ResponseCache)?
    /// `OPENAI_RPM`, shared by chat, speech, transcription and images of every job.
    let openAILimits: RequestLimiter
    /// `ELEVENLABS_CONCURRENCY`, shared by every job.
    let elevenLabsLimits: RequestLimiter
    /// `MAX_CONCURRENT_IMAGE_GENERATION` across every job, within `OPENAI_RPM`.
    let imageLimits: RequestLimiter

    init(providers: ProviderSettings, prices: PriceTable, cache: (any ResponseCache)?) {
        self.providers = providers
        self.prices = prices
        self.cache = cache
        openAILimits = RequestLimiter(perMinute: providers.openAIRequestsPerMinute)
        elevenLabsLimits = RequestLimiter(concurrency: providers.elevenLabsConcurrency)
        imageLimits = RequestLimiter(concurrency: providers.maxConcurrentImageGeneration, within: openAILimits)
    }

    /// `musicLibrary`: where the library is; nil for none. `cache`: where provider answers are kept.
    static func catalog(_ settings: Settings, musicLibrary: URL?, cache: (any ResponseCache)? = nil) -> ProviderCatalog {
        ProviderComposition(providers: settings.providers, prices: settings.prices, cache: cache)
            .catalog(settings, musicLibrary: musicLibrary)
    }

    private func catalog(_ settings: Settings, musicLibrary: URL?) -> ProviderCatalog {
        let timeout = Duration.milliseconds(settings.ffmpegTimeoutMs)
        var catalog = ProviderCatalog(
            // A dry run is a drill: it spends nothing on a model.
            planner: settings.renderDryRun ? TemplatePlanProvider() : planner(),
            speech: speech(),
            speechAligner: SpeechTimingsAligner(),
            estimatingAligner: settings.renderDryRun ? ProportionalAligner() : aligner(),
            images: images(),
            projectImages: ProjectImageProvider(),
            libraryMusic: LibraryMusicProvider(directory: musicLibrary, timeout: timeout),
            generatedMusic: GeneratedMusicProvider(timeout: timeout),
            projectMusic: ProjectMusicProvider(timeout: timeout),
            media: FFmpegMediaEngine(timeout: timeout))
        if providers.chat.isConfigured, !settings.renderDryRun { catalog.metadata = ChatMetadataWriter(chat: chatClient()) }
        catalog.options = options()
        catalog.defaults = providers.defaults
        return settings.renderDryRun ? catalog.placeholders() : catalog
    }

    /// What a project may name in `"providers"`, each ready or with the variable that would make it so.
    private func options() -> ProviderOptions {
        func option<P>(_ configured: Bool, _ how: String, _ make: () -> P) -> ProviderOption<P> {
            configured ? .ready(make()) : .unconfigured(fix: "set \(how)")
        }
        var options = ProviderOptions()
        options.plan = [
            .template: .ready(TemplatePlanProvider()),
            .openai: option(providers.chat.isConfigured, providers.chat.howToConfigure) { chatPlanner() },
        ]
        options.voice = [
            .espeak: .ready(EspeakSpeechProvider()),
            .openai: option(providers.speech.isConfigured, providers.speech.howToConfigure) { openAISpeech() },
            .elevenlabs: option(providers.elevenLabsKey != nil, "ELEVENLABS_API_KEY") { elevenLabs() },
        ]
        options.align = [
            .proportional: .ready(ProportionalAligner()),
            .whisper: option(providers.transcription.isConfigured, providers.transcription.howToConfigure) { whisper() },
        ]
        options.images = [
            .painter: .ready(PainterImageProvider()),
            .openai: option(providers.images.isConfigured, providers.images.howToConfigure) { openAIImages() },
            .pexels: option(providers.pexelsKey != nil, "PEXELS_API_KEY") { pexels() },
        ]
        return options
    }

    /// The chat planner when a chat service is configured, else the offline one.
    private func planner() -> any Planner {
        providers.chat.isConfigured ? chatPlanner() : TemplatePlanProvider()
    }

    private func chatPlanner() -> any Planner {
        ChatPlanner(chat: chatClient(), fallback: TemplatePlanProvider())
    }

    private func chatClient() -> ChatClient {
        ChatClient(endpoint: endpoint("OpenAI chat", providers.chat, metering: Metering.chat))
    }

    /// ElevenLabs when its key is set (it times its own words), else OpenAI speech when configured,
    /// else espeak-ng.
    private func speech() -> any SpeechProvider {
        if providers.elevenLabsKey != nil { return elevenLabs() }
        return providers.speech.isConfigured ? openAISpeech() : EspeakSpeechProvider()
    }

    private func elevenLabs() -> any SpeechProvider {
        ElevenLabsSpeechProvider(endpoint: ServiceEndpoint(
            service: client("ElevenLabs speech", metering: .characters(of: "text", prices.price(of: providers.elevenLabsModel)),
                            limiter: elevenLabsLimits),
            baseURL: providers.elevenLabsBaseURL, model: providers.elevenLabsModel,
            apiKey: providers.elevenLabsKey, keyHeader: .named("xi-api-key"), timeout: providers.requestTimeout))
    }

    private func openAISpeech() -> any SpeechProvider {
        OpenAISpeechProvider(endpoint: endpoint("OpenAI speech", providers.speech) { .characters(of: "input", $0) })
    }

    /// Whisper for speech without timings when transcription is configured, else the estimate.
    private func aligner() -> any WordAligner {
        providers.transcription.isConfigured ? whisper() : ProportionalAligner()
    }

    private func whisper() -> any WordAligner {
        WhisperAligner(endpoint: endpoint("OpenAI transcription", providers.transcription, metering: Metering.transcription))
    }

    /// OpenAI images when the image service is configured, else Pexels stock footage when its key
    /// is set (the painter drawing what it has nothing for), else the painter.
    private func images() -> any ImageProvider {
        if providers.images.isConfigured { return openAIImages() }
        return providers.pexelsKey != nil ? pexels() : PainterImageProvider()
    }

    private func openAIImages() -> any ImageProvider {
        OpenAIImageProvider(endpoint: endpoint("OpenAI images", providers.images, metering: Metering.images, limiter: imageLimits))
    }

    /// Pexels is free: no metering, and no limit beyond its own.
    private func pexels() -> any ImageProvider {
        PexelsImageProvider(
            endpoint: ServiceEndpoint(service: client("Pexels", metering: nil, limiter: RequestLimiter()), baseURL: providers.pexelsBaseURL,
                                      model: "", apiKey: providers.pexelsKey, keyHeader: .named("Authorization"),
                                      timeout: providers.requestTimeout),
            fallback: PainterImageProvider())
    }

    /// One OpenAI-compatible service's endpoint: its own retrying client, named for its errors, and
    /// priced by its model.
    private func endpoint(_ name: String, _ service: ProviderSettings.OpenAIService, metering: (Price) -> Metering,
                          limiter: RequestLimiter? = nil) -> ServiceEndpoint {
        ServiceEndpoint(service: client(name, metering: metering(prices.price(of: service.model)), limiter: limiter ?? openAILimits),
                        baseURL: service.baseURL,
                        model: service.model, apiKey: service.apiKey, timeout: providers.requestTimeout)
    }

    /// A retrying, caching, metered client named for its errors, with every configured key to redact.
    private func client(_ name: String, metering: Metering?, limiter: RequestLimiter) -> ServiceClient {
        ServiceClient(service: name, transport: CurlTransport(), policy: RetryPolicy(maxAttempts: providers.maxAttempts),
                      secrets: providers.secrets, cache: cache, metering: metering, limiter: limiter)
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
        pipeline.maxJobCostUsd = settings.maxJobCostUsd
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
