import EspeakSpeech
import Foundation
import JobDocuments
import MediaProviders
import PaintedImages
import Pipeline
import Providers
import Settings
import TemplatePlanning

/// The composition root of the pipeline: which provider serves which step on this machine — all
/// offline, so a fresh machine renders with no keys — and the settings each part is tuned by.
enum OfflineProviders {
    /// `musicLibrary`: where the library is; nil for none.
    static func catalog(_ settings: Settings, musicLibrary: URL?) -> ProviderCatalog {
        let timeout = Duration.milliseconds(settings.ffmpegTimeoutMs)
        let catalog = ProviderCatalog(
            planner: TemplatePlanProvider(),
            speech: EspeakSpeechProvider(),
            speechAligner: SpeechTimingsAligner(),
            estimatingAligner: ProportionalAligner(),
            images: PainterImageProvider(),
            projectImages: ProjectImageProvider(),
            libraryMusic: LibraryMusicProvider(directory: musicLibrary, timeout: timeout),
            generatedMusic: GeneratedMusicProvider(timeout: timeout),
            projectMusic: ProjectMusicProvider(timeout: timeout),
            media: FFmpegMediaEngine(timeout: timeout))
        return settings.renderDryRun ? catalog.placeholders() : catalog
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
