import Foundation
import JobDocuments
import Pipeline
import Providers
import Synchronization
import TemplatePlanning

/// Providers for tests of what uses them (the pipeline, the daemon): the dry run's placeholders with
/// the real offline planner, speech that times its words, and pictures that never come.
public enum ProviderFakes {
    /// Every step runs, in milliseconds.
    public static func catalog() -> ProviderCatalog {
        ProviderCatalog(planner: TemplatePlanProvider(), speech: PlaceholderSpeech(), speechAligner: SpeechTimingsAligner(),
                        estimatingAligner: ProportionalAligner(), images: PlaceholderImages(), projectImages: PlaceholderImages(),
                        libraryMusic: PlaceholderMusic(), generatedMusic: PlaceholderMusic(), projectMusic: PlaceholderMusic(),
                        media: PlaceholderMediaEngine())
    }

    /// The placeholder catalog with `images` stuck: a job runs until its images step, and stays there.
    public static func catalog(stuckAt images: StuckImages) -> ProviderCatalog {
        var catalog = catalog()
        catalog.images = images
        return catalog
    }
}

/// Speech that times its words, as espeak-ng does: each word 0.3 s.
public struct TimedSpeech: SpeechProvider {
    public let name = "timed-voice"
    public let audioExtension = "txt"

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("fake") }
    public func defaultVoice(forLanguage language: String) -> String { "fake-\(language)" }
    public var timesItsWords: Bool { true }

    /// Knows its default voices and "fake-alto".
    public func checkVoice(_ voice: String) throws {
        guard voice.hasPrefix("fake-") else { throw ProviderError("voice: '\(voice)' is not a fake voice (fake-alto, …)", retryable: false) }
    }

    public func synthesize(_ request: SpeechRequest, to output: URL) async throws -> SpeechClip {
        let words = SpeechText.words(ofNormalized: SpeechText.normalize(request.text))
        try Placeholder.write(request.text, to: output)
        let timed = words.enumerated().map { SpokenWord(text: $0.element, start: Double($0.offset) * 0.3, end: Double($0.offset) * 0.3 + 0.25) }
        return SpeechClip(file: output, seconds: Double(words.count) * 0.3, words: timed, voice: defaultVoice(forLanguage: request.language))
    }
}

/// Pictures that never come: the provider waits until its task is cancelled, and says when it started
/// waiting (``reached``) and when it was stopped (``stopped``).
public final class StuckImages: ImageProvider, Sendable {
    public let name = "stuck"
    public let reached = Gate()
    public let stopped = Gate()

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("fake") }

    public func image(_ request: ImageRequest, to output: URL) async throws -> SceneVisual {
        reached.open()
        do {
            try await Task.sleep(for: .seconds(600))
        } catch {
            stopped.open()
            throw error
        }
        throw CancellationError()
    }
}

/// A one-way gate a test can await.
public final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    public init() {}

    public func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    public func wait() async {
        await withCheckedContinuation { continuation in
            let now = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if now { continuation.resume() }
        }
    }
}
