import Providers

/// Every provider the steps may use, composed by whoever builds the pipeline (the CLI: the offline
/// ones; a test: fakes). A step picks among them by the project: its own images go to
/// ``projectImages``, the rest to ``images``; a mood goes to ``libraryMusic`` first, then
/// ``generatedMusic``; and so on.
public struct ProviderCatalog: Sendable {
    public var planner: any Planner
    public var speech: any SpeechProvider
    /// Word timings that came with the speech (used when every scene's speech has them).
    public var speechAligner: any WordAligner
    /// Word timings estimated from the text (a supplied voice-over, speech without timings).
    public var estimatingAligner: any WordAligner
    /// Pictures for scenes without an image of their own.
    public var images: any ImageProvider
    /// The project's own pictures.
    public var projectImages: any ImageProvider
    public var libraryMusic: any MusicProvider
    public var generatedMusic: any MusicProvider
    public var projectMusic: any MusicProvider
    public var media: any MediaEngine

    public init(planner: any Planner, speech: any SpeechProvider, speechAligner: any WordAligner,
                estimatingAligner: any WordAligner, images: any ImageProvider, projectImages: any ImageProvider,
                libraryMusic: any MusicProvider, generatedMusic: any MusicProvider, projectMusic: any MusicProvider,
                media: any MediaEngine) {
        self.planner = planner
        self.speech = speech
        self.speechAligner = speechAligner
        self.estimatingAligner = estimatingAligner
        self.images = images
        self.projectImages = projectImages
        self.libraryMusic = libraryMusic
        self.generatedMusic = generatedMusic
        self.projectMusic = projectMusic
        self.media = media
    }

    /// The dry run (`APP_RENDER_DRY_RUN=1`): this catalog with every provider that makes media swapped
    /// for a placeholder. The planner and the aligners stay: they are pure computation.
    public func placeholders() -> ProviderCatalog {
        var catalog = self
        catalog.speech = PlaceholderSpeech()
        catalog.images = PlaceholderImages()
        catalog.projectImages = PlaceholderImages()
        catalog.libraryMusic = PlaceholderMusic()
        catalog.generatedMusic = PlaceholderMusic()
        catalog.projectMusic = PlaceholderMusic()
        catalog.media = PlaceholderMediaEngine()
        return catalog
    }

    /// Each provider once, for readiness checks (`doctor`).
    public var all: [any Provider] {
        var seen = Set<String>()
        let every: [any Provider] = [planner, speech, speechAligner, estimatingAligner, images, projectImages,
                                     libraryMusic, generatedMusic, projectMusic, media]
        return every.filter { seen.insert("\(type(of: $0))/\($0.name)").inserted }
    }
}
