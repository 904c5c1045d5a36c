import Foundation
import JobDocuments
import Logging
import ProjectModel
import ProviderFakes
import Providers
import Testing
@testable import Pipeline

@Suite("Provider choice: a project's \"providers\" over the daemon's defaults, checked when the job is read")
struct ProviderChoiceTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The placeholder catalog with a timed voice under "espeak", and OpenAI speech, whisper and
    /// ElevenLabs not configured.
    private func catalog() -> ProviderCatalog {
        var catalog = ProviderFakes.catalog()
        catalog.options.voice = [
            .espeak: .ready(TimedSpeech()),
            .openai: .unconfigured(fix: "set OPENAI_API_KEY or OPENAI_TTS_BASE_URL"),
            .elevenlabs: .unconfigured(fix: "set ELEVENLABS_API_KEY"),
        ]
        catalog.options.align = [
            .proportional: .ready(ProportionalAligner()),
            .whisper: .unconfigured(fix: "set OPENAI_API_KEY or OPENAI_TRANSCRIBE_BASE_URL"),
        ]
        catalog.options.plan = [.template: .ready(ProviderFakes.catalog().planner)]
        return catalog
    }

    private func project(_ json: String) throws -> ProjectFile { try ProjectFileParser.parse(Data(json.utf8)) }

    private func failure(_ catalog: ProviderCatalog, _ json: String) -> String? {
        do { _ = try catalog.forJob(try project(json)); return nil } catch { return "\(error)" }
    }

    @Test("a provider chosen but not configured is an error naming the field and the variable to set")
    func unconfiguredChoiceNamesTheFix() {
        let message = failure(catalog(), #"{"topic": "t", "providers": {"voice": "openai"}}"#)
        #expect(message == "providers.voice: 'openai' is not configured on this machine: set OPENAI_API_KEY or OPENAI_TTS_BASE_URL")
        #expect(failure(catalog(), #"{"topic": "t", "providers": {"align": "whisper"}}"#)?.contains("OPENAI_TRANSCRIBE_BASE_URL") == true)
        #expect(failure(catalog(), #"{"topic": "t", "providers": {"images": "pexels"}}"#) == "providers.images: 'pexels' is not available on this machine")
    }

    @Test("the daemon's default serves a step the project leaves open, and is named as PROVIDER_… when it fails")
    func daemonDefaultsFillTheRest() throws {
        var catalog = catalog()
        catalog.defaults = ProviderChoices(voice: .elevenlabs)
        #expect(failure(catalog, #"{"topic": "t"}"#) == "PROVIDER_VOICE: 'elevenlabs' is not configured on this machine: set ELEVENLABS_API_KEY")
        // The project's own choice wins over the default.
        let chosen = try catalog.forJob(try project(#"{"topic": "t", "providers": {"voice": "espeak"}}"#))
        #expect(chosen.speech.name == "timed-voice")
    }

    @Test("the project's voice is checked against the chosen voice's list before anything runs")
    func voiceIsCheckedAtReadTime() throws {
        var catalog = catalog()
        catalog.speech = TimedSpeech()
        #expect(failure(catalog, #"{"topic": "t", "voice": "baritone"}"#) == "voice: 'baritone' is not a fake voice (fake-alto, …)")
        #expect(failure(catalog, #"{"topic": "t", "voice": "fake-alto"}"#) == nil)
        // A project with its own voice-over has no voice to check.
        #expect(failure(catalog, #"{"topic": "t", "voice": "baritone", "voiceover": "take.wav"}"#) == nil)
    }

    @Test("align: speech needs a voice that times its words; proportional is used even when it does")
    func alignChoices() async throws {
        #expect(failure(catalog(), #"{"topic": "t", "providers": {"align": "speech"}}"#)?.contains("needs a voice that times its words") == true)
        #expect(failure(catalog(), #"{"topic": "t", "providers": {"align": "speech"}, "voiceover": "v.wav"}"#)?.contains("own voiceover") == true)
        #expect(failure(catalog(), #"{"topic": "t", "providers": {"voice": "espeak", "align": "speech"}}"#) == nil)

        var catalog = catalog()
        catalog.speech = TimedSpeech()
        let (queue, root) = try await queue(with: #"{"topic": "octopus hearts", "targetSeconds": 30, "providers": {"align": "proportional"}}"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let lease = try #require(await queue.start("job"))
        var settings = PipelineSettings()
        settings.minFreeDiskMB = 0
        let final = await JobRunner(providers: catalog, settings: settings, logger: logger)
            .run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(final.state == .done, "\(final.error?.message ?? "")")
        #expect(final.providers["voice"] == "timed-voice" && final.providers["align"] == "proportional")
    }

    @Test("a job whose choice fails is failed at read time: no step ran, the error is permanent")
    func jobFailsBeforeAnyStep() async throws {
        let (queue, root) = try await queue(with: #"{"topic": "t", "providers": {"voice": "elevenlabs"}}"#)
        defer { try? FileManager.default.removeItem(at: root) }
        let lease = try #require(await queue.start("job"))
        let final = await JobRunner(providers: catalog(), settings: PipelineSettings(), logger: logger)
            .run(lease, recorder: queue, assets: AssetResolver(roots: [root]))
        #expect(final.state == .failed && final.steps.isEmpty)
        #expect(final.error?.step == nil && final.error?.retryable == false)
        #expect(final.error?.message.contains("set ELEVENLABS_API_KEY") == true)
    }

    @Test("a dry run checks every choice but keeps its placeholders")
    func dryRunChecksButDoesNotSpend() throws {
        var catalog = catalog()
        catalog.options.plan[.openai] = .ready(ProviderFakes.catalog().planner)
        catalog = catalog.placeholders()
        #expect(failure(catalog, #"{"topic": "t", "providers": {"voice": "openai"}}"#)?.contains("OPENAI_API_KEY") == true)
        let chosen = try catalog.forJob(try project(#"{"topic": "t", "providers": {"voice": "espeak", "align": "speech"}}"#))
        #expect(chosen.speech.name == Placeholder.providerName && chosen.alignment == .automatic)
    }
}
