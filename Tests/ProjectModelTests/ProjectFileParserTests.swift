import Foundation
import Testing
@testable import ProjectModel

@Suite("Project file parsing")
struct ProjectFileParserTests {
    private func parse(_ json: String) throws(ProjectFileError) -> ProjectFile {
        try ProjectFileParser.parse(Data(json.utf8))
    }

    private func error(_ json: String) -> ProjectFileError? {
        do { _ = try parse(json); return nil } catch { return error }
    }

    @Test func minimalProjectGetsDefaults() throws {
        let project = try parse(#"{"topic": "Why octopuses have three hearts"}"#)
        #expect(project.niche == "facts")
        #expect(project.targetSeconds == 60)
        #expect(project.tempo == .normal)
        #expect(project.music == .pack)
        #expect(project.render.width == 1080 && project.render.height == 1920 && project.render.fps == 30)
    }

    @Test func fullProjectParses() throws {
        let project = try parse("""
        {"topic": "t", "niche": "horror", "targetSeconds": 30, "tempo": "fast", "voice": "en-us",
         "scriptTemplate": "storytime", "priority": 5, "hook": "Listen.", "music": "none",
         "seoKeywords": "a, b",
         "scenes": [{"narration": "One.", "effect": "pan_left", "seconds": 4, "image": "img/a.png"}],
         "render": {"fps": 25, "captions": {"highlightColor": "#00FF00", "maxWordsPerLine": 2}}}
        """)
        #expect(project.niche == "horror")
        #expect(project.scenes?.first?.effect == .panLeft)
        #expect(project.scenes?.first?.image == "img/a.png")
        #expect(project.seoKeywords == ["a", "b"])
        #expect(project.music == ProjectFile.MusicChoice.none)
        #expect(project.render.captions.highlightColor == RGBColor(hex: "#00FF00"))
    }

    @Test func aSceneMayBringItsOwnVideo() throws {
        let project = try parse(#"{"topic": "t", "scenes": [{"narration": "One.", "video": "clips/Waves.MOV"}, {"narration": "Two.", "image": "b.png"}]}"#)
        #expect(project.scenes?[0].video == "clips/Waves.MOV" && project.scenes?[0].image == nil)
        #expect(project.scenes?[1].video == nil && project.scenes?[1].image == "b.png")
    }

    @Test func providersNameAProviderPerStep() throws {
        let project = try parse(#"{"topic": "t", "providers": {"voice": "openai", "align": "whisper"}, "maxCostUsd": 0.25}"#)
        #expect(project.providers == ProviderChoices(voice: .openai, align: .whisper))
        #expect(project.maxCostUsd == 0.25)
        #expect(project.providers.over(ProviderChoices(plan: .openai, voice: .espeak)) == ProviderChoices(plan: .openai, voice: .openai, align: .whisper))
        #expect(error(#"{"topic": "t", "providers": {"voice": "azure"}}"#)?.description.contains("providers.voice") == true)
        #expect(error(#"{"topic": "t", "providers": {"voice": "azure"}}"#)?.description.contains("espeak, openai, elevenlabs") == true)
        #expect(error(#"{"topic": "t", "providers": {"music": "x"}}"#)?.description.contains("providers.music") == true)
    }

    @Test func unknownFieldIsNamedWithASuggestion() {
        let failure = error(#"{"topic": "t", "tpoic": "x"}"#)
        #expect(failure?.field == "tpoic")
        #expect(failure?.description.contains("did you mean 'topic'") == true)
    }

    @Test func nestedUnknownFieldIsNamedWithItsPath() {
        #expect(error(#"{"topic": "t", "scenes": [{"narration": "a", "colour": 1}]}"#)?.field == "scenes[0].colour")
    }

    @Test(arguments: [
        (#"{"topic": 5}"#, "topic", "expected a string, got a number"),
        (#"{"topic": "t", "targetSeconds": "60"}"#, "targetSeconds", "expected an integer, got a string"),
        (#"{"topic": "t", "targetSeconds": -5}"#, "targetSeconds", "between 15 and 600"),
        (#"{"topic": "t", "targetSeconds": 30.5}"#, "targetSeconds", "expected an integer"),
        (#"{"topic": "t", "niche": "cooking"}"#, "niche", "unknown niche 'cooking'"),
        (#"{"topic": "t", "tempo": "quick"}"#, "tempo", "not one of slow, normal, fast"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "seconds": -2}]}"#, "scenes[0].seconds", "between 1 and 60"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "../etc/passwd.png"}]}"#, "scenes[0].image", "may not leave"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "/abs.png"}]}"#, "scenes[0].image", "must be relative"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "a.png", "video": "a.mp4"}]}"#, "scenes[0]", "an image or a video, not both"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "video": "clip.gif"}]}"#, "scenes[0].video", "must end in one of: m4v, mkv, mov, mp4, webm"),
        (#"{"topic": "t", "scenes": [{"narration": "a", "video": "../clip.mp4"}]}"#, "scenes[0].video", "may not leave"),
        (#"{"topic": "t", "music": "Polka Party!"}"#, "music", "expected 'none', a mood"),
        (#"{"topic": "t", "render": {"size": "1081x1920"}}"#, "render.size", "even sides"),
        (#"{"topic": "t", "render": {"captions": {"highlightColor": "gold"}}}"#, "render.captions.highlightColor", "colour"),
        (#"{"topic": true}"#, "topic", "got a boolean"),
        (#"{"topic": "t", "render": {"transitions": "swirl"}}"#, "render.transitions", "unknown value 'swirl'"),
        (#"{"topic": "t", "render": {"transitions": ["fade", 3]}}"#, "render.transitions[1]", "expected a string"),
        (#"{"topic": "t", "render": {"transitions": ["fade", "none"]}}"#, "render.transitions", "stands alone"),
        (#"{"topic": "t", "render": {"transitions": []}}"#, "render.transitions", "must not be empty"),
        (#"{"topic": "t", "render": {"transitionSeconds": 3}}"#, "render.transitionSeconds", "between 0.1 and 1.5"),
    ])
    func badValuesAreNamed(json: String, field: String, reason: String) {
        let failure = error(json)
        #expect(failure?.field == field)
        #expect(failure?.reason.contains(reason) == true, "\(String(describing: failure))")
    }

    @Test func transitionsAreAutoNoneOneOrAList() throws {
        #expect(try parse(#"{"topic": "t"}"#).render.transitions == nil)
        #expect(try parse(#"{"topic": "t", "render": {"transitions": "auto"}}"#).render.transitions == nil)
        #expect(try parse(#"{"topic": "t", "render": {"transitions": "none"}}"#).render.transitions == ["cut"])
        #expect(try parse(#"{"topic": "t", "render": {"transitions": "fadeblack"}}"#).render.transitions == ["fadeblack"])
        let listed = try parse(#"{"topic": "t", "render": {"transitions": ["wipeleft", "circleopen"], "transitionSeconds": 0.8}}"#)
        #expect(listed.render.transitions == ["wipeleft", "circleopen"])
        #expect(listed.render.transitionSeconds == 0.8)
    }

    @Test func tooLongTopicIsRefused() {
        let failure = error(#"{"topic": ""# + String(repeating: "a", count: 10_000) + #""}"#)
        #expect(failure?.field == "topic")
        #expect(failure?.reason.contains("10000 characters") == true)
    }

    @Test func wholeFileProblemsAreDescribed() {
        #expect(error("")?.reason == "the file is empty")
        #expect(error("{\"topic\": ")?.reason.hasPrefix("invalid JSON") == true)
        #expect(error("[1, 2]")?.reason.contains("must be a JSON object") == true)
        #expect(error(#"{}"#)?.field == "topic")
        let binary = Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE, 0x00, 0x01])
        #expect(throws: ProjectFileError.self) { try ProjectFileParser.parse(binary) }
        let big = Data(repeating: 0x20, count: 5 * 1_048_576)
        do { _ = try ProjectFileParser.parse(big); Issue.record("accepted a 5 MB file") } catch {
            #expect(error.reason.contains("at most 1048576 bytes"))
        }
    }

    @Test func scenesAloneAreEnough() throws {
        let project = try parse(#"{"scenes": [{"narration": "Hello there."}]}"#)
        #expect(project.topic == "Hello there.")
    }
}

@Suite("Niche packs")
struct NichePackTests {
    @Test func twelvePacksWithDistinctIDs() {
        #expect(NichePack.all.count == 12)
        #expect(Set(NichePack.ids).count == 12)
    }

    @Test func pacingBuckets() {
        let horror = NichePack.named("horror")!
        #expect(horror.pacing(forTargetSeconds: 60).sceneCount == 7)
        #expect(horror.pacing(forTargetSeconds: 600).minScenes == 12)
        #expect(NichePack.named("facts")!.pacing(forTargetSeconds: 45).sceneCount == 6)
        #expect(NichePack.all.allSatisfy { $0.allowedEffects.contains($0.defaultEffect) && $0.palette.count >= 4 })
    }
}
