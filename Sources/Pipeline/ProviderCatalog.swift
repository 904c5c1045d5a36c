import ProjectModel
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
    /// TikTok's title, caption and hashtags (finalize): the chat model's when it plans, else the template's.
    public var metadata: any MetadataWriter = TemplateMetadataWriter()
    /// Which word timings the align step uses.
    public var alignment = Alignment.automatic
    /// What a project may name in `"providers"`; see ``forJob(_:)``.
    public var options = ProviderOptions()
    /// The daemon's choices (`PROVIDER_PLAN`, …), for the steps a project leaves open.
    public var defaults = ProviderChoices()
    /// A dry run (`APP_RENDER_DRY_RUN=1`): choices are checked, but media is placeholders.
    public private(set) var isDryRun = false
    /// In a dry run, the voice the placeholder stands in for: the project's voice is checked against it.
    private var liveSpeech: (any SpeechProvider)?

    public enum Alignment: Sendable, Hashable {
        /// The speech's own timings when every scene came with them, else ``estimatingAligner``.
        case automatic
        /// The speech's own timings, required.
        case speechTimings
        /// ``estimatingAligner``, even when the speech brought timings.
        case estimate
    }

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
        catalog.isDryRun = true
        catalog.liveSpeech = speech
        catalog.metadata = TemplateMetadataWriter()
        catalog.speech = PlaceholderSpeech()
        catalog.images = PlaceholderImages()
        catalog.projectImages = PlaceholderImages()
        catalog.libraryMusic = PlaceholderMusic()
        catalog.generatedMusic = PlaceholderMusic()
        catalog.projectMusic = PlaceholderMusic()
        catalog.media = PlaceholderMediaEngine()
        return catalog
    }

    /// The catalog for one job: the project's `"providers"` over the daemon's defaults, each checked
    /// against what this machine has, and the project's voice against the voice's list. Throws
    /// ``ProviderChoiceError`` (or the voice's own error) naming the field and the fix.
    public func forJob(_ project: ProjectFile) throws -> ProviderCatalog {
        var catalog = self
        let chosen = project.providers.over(defaults)
        func field(_ step: String, _ fromProject: Bool) -> String {
            fromProject ? "providers.\(step)" : "PROVIDER_\(step.uppercased())"
        }
        var writer = planner
        if let plan = chosen.plan {
            writer = try ProviderChoiceError.pick(options.plan, plan, field: field("plan", project.providers.plan != nil))
            // A dry run is a drill: it spends nothing on a model.
            if !isDryRun { catalog.planner = writer }
            // Chosen offline, the metadata stays offline too.
            if plan == .template { catalog.metadata = TemplateMetadataWriter() }
        }
        if (project.scenes ?? []).isEmpty, !writer.writes(language: project.language) {
            throw ProviderChoiceError("language '\(project.language)': the offline planner writes English only. "
                + "Give the project its own \"scenes\" in \(project.language), or let a chat model plan it: "
                + "set OPENAI_API_KEY (or OPENAI_BASE_URL for a local Ollama or llama.cpp server) and PROVIDER_PLAN=openai, "
                + "or \"providers\": {\"plan\": \"openai\"} in the project")
        }
        var voices = liveSpeech ?? speech
        if let voice = chosen.voice {
            voices = try ProviderChoiceError.pick(options.voice, voice, field: field("voice", project.providers.voice != nil))
            if !isDryRun { catalog.speech = voices }
        }
        if let align = chosen.align {
            let name = field("align", project.providers.align != nil)
            if align == .speech {
                if project.voiceover != nil {
                    throw ProviderChoiceError("\(name): 'speech' has no speech to take timings from: the project brings its own voiceover (use whisper or proportional)")
                }
                if !isDryRun, !catalog.speech.timesItsWords {
                    throw ProviderChoiceError("\(name): 'speech' needs a voice that times its words (espeak, elevenlabs); \(catalog.speech.name) does not (use whisper or proportional)")
                }
                catalog.alignment = isDryRun ? .automatic : .speechTimings
            } else {
                let aligner = try ProviderChoiceError.pick(options.align, align, field: name)
                if !isDryRun {
                    catalog.estimatingAligner = aligner
                    catalog.alignment = .estimate
                }
            }
        }
        if let images = chosen.images {
            let provider = try ProviderChoiceError.pick(options.images, images, field: field("images", project.providers.images != nil))
            if !isDryRun { catalog.images = provider }
        }
        if project.voiceover == nil {
            if let voice = project.voice { try voices.checkVoice(voice) } else { try voices.checkLanguage(project.language) }
        }
        return catalog
    }

    /// What this catalog's paid providers expect `project` to cost (`cost.estimatedUsd`).
    public func estimatedUsd(for project: ProjectFile) -> Double {
        var paid: [any Provider] = [planner, images, metadata]
        if project.voiceover == nil { paid.append(speech) }
        let speechTimes = project.voiceover == nil && speech.timesItsWords
        if alignment == .estimate || (alignment == .automatic && !speechTimes) { paid.append(estimatingAligner) }
        return paid.compactMap { $0 as? any CostEstimating }.reduce(0) { $0 + $1.estimatedUsd(for: project) }
    }

    /// Whether any provider a job could use waits on a remote service (then the daemon starts jobs
    /// beyond its render slots: ``RenderSlots``).
    public var usesRemoteProviders: Bool {
        if isDryRun { return false }
        return (all + options.readyProviders).contains { $0.isRemote }
    }

    /// Each provider once, for readiness checks (`doctor`).
    public var all: [any Provider] {
        var seen = Set<String>()
        let every: [any Provider] = [planner, speech, speechAligner, estimatingAligner, images, projectImages,
                                     libraryMusic, generatedMusic, projectMusic, media, metadata]
        return every.filter { seen.insert("\(type(of: $0))/\($0.name)").inserted }
    }
}
