import JobDocuments
import ProjectModel
import Providers
import Testing
@testable import TemplatePlanning

/// The offline planner's plans pass the checks it makes of every plan, at every length a project
/// file allows: the pacing a scene, the narration's length against the target, and the hook's length.
@Suite("Own validation")
struct OwnValidationTests {
    static let lengths = [15, 20, 25, 30, 35, 45, 60, 75, 90, 120, 150, 180, 240, 300, 450, 600]

    /// Warnings a template plan must never give about itself; the others (a non-English language,
    /// restated sentences in a very long plan) are about the project, not the plan.
    static func ownWarnings(_ plan: Plan) -> [String] {
        plan.warnings.filter { $0.hasPrefix("pacing:") || $0.contains("narration runs about") || $0.contains("the hook takes") }
    }

    /// Every pack × structure × tempo × length: 12 × 4 × 3 × 16 = 2304 plans, one test case a pack
    /// so they run in parallel.
    @Test(arguments: NichePack.all.map(\.id))
    func templatePlansPassTheirOwnValidation(niche: String) {
        for template in TemplatePlannerTests.templates {
            for tempo in Tempo.allCases {
                for seconds in Self.lengths {
                    let project = TemplatePlannerTests.project(niche: niche, template: template, seconds: seconds, tempo: tempo)
                    let plan = TemplatePlanner.plan(for: project)
                    let name = "\(niche) \(template?.rawValue ?? "explainer") \(tempo) \(seconds) s"
                    #expect(Self.ownWarnings(plan).isEmpty, "\(name): \(plan.warnings)")
                    #expect(plan.scenes.count >= 2, "\(name): the hook and at least one body scene")
                }
            }
        }
    }

    /// Long topics make long hooks and long sentences; one-word and question topics short ones.
    @Test(arguments: [
        "The lighthouse keeper who kept hearing knocks at night",
        "Octopuses",
        "Is it bad to crack your knuckles?",
        "The surprisingly long and winding history of the humble paperclip in offices",
    ])
    func plansOfAnyTopicPassTheirOwnValidation(topic: String) {
        for niche in ["horror", "facts", "top5"] {
            for template in TemplatePlannerTests.templates {
                for tempo in Tempo.allCases {
                    for seconds in [15, 20, 30, 45, 60, 90, 180, 600] {
                        let project = TemplatePlannerTests.project(topic, niche: niche, template: template, seconds: seconds, tempo: tempo)
                        let plan = TemplatePlanner.plan(for: project)
                        #expect(Self.ownWarnings(plan).isEmpty, "\(niche) \(template?.rawValue ?? "explainer") \(tempo) \(seconds) s: \(plan.warnings)")
                    }
                }
            }
        }
    }

    /// The pacing table's buckets are for 60–180 s videos; shorter and longer ones keep the
    /// bucket's seconds a scene instead of its scene count.
    @Test func shortVideosHaveFewerScenesAndLongOnesMore() {
        let cases: [(niche: String, seconds: Int, scenes: Int)] = [
            ("facts", 15, 2), ("facts", 20, 3), ("facts", 30, 3), ("facts", 45, 5), ("facts", 60, 6),
            ("facts", 240, 17), ("facts", 600, 43), ("horror", 15, 2), ("top5", 30, 4), ("motivation", 20, 2),
        ]
        for item in cases {
            let plan = TemplatePlanner.plan(for: TemplatePlannerTests.project(niche: item.niche, seconds: item.seconds))
            #expect(plan.scenes.count == item.scenes, "\(item.niche) \(item.seconds) s")
        }
    }

    /// A short video has fewer body scenes than its structure has sections; a scene then carries
    /// several, so nothing the hook or outline promises is dropped.
    @Test func shortVideosKeepTheWholeStructure() {
        let top5 = TemplatePlanner.plan(for: TemplatePlannerTests.project(template: .top5, seconds: 15))
        #expect(top5.scenes.count == 2)
        let script = top5.script.lowercased()
        let countdown = ["five:", "four:", "three:", "two:", "one:"].map { script.range(of: $0)?.lowerBound }
        #expect(countdown.allSatisfy { $0 != nil }, "\(top5.script)")
        #expect(countdown.compactMap { $0 } == countdown.compactMap { $0 }.sorted())
        #expect(top5.outline.count == 7)

        let explainer = TemplatePlanner.plan(for: TemplatePlannerTests.project(seconds: 15))
        #expect(explainer.scenes[1].narration.contains("basics") && explainer.scenes[1].narration.contains("takeaway"))
        let myths = TemplatePlanner.plan(for: TemplatePlannerTests.project(template: .mythVsFact, seconds: 15, tempo: .slow))
        #expect(myths.script.components(separatedBy: "Myth: ").count - 1 == myths.outline.count - 2)
        #expect(myths.outline.count - 2 >= 2)
    }

    @Test func sectionLayoutGivesEverySectionAScene() {
        for sections in 1...5 {
            for scenes in 1...12 {
                let layout = SectionLayout(sections: sections, bodyScenes: scenes)
                let opened = (0..<scenes).flatMap { layout.opened(byScene: $0) }
                #expect(opened == Array(0..<sections), "\(sections) sections in \(scenes) scenes")
                let owners = (0..<scenes).map { layout.section(ofScene: $0) }
                #expect(owners == owners.sorted())
                if scenes >= sections {
                    #expect((0..<sections).map { layout.sceneSpan(ofSection: $0) }.reduce(0, +) == scenes)
                }
            }
        }
    }

    @Test func theBudgetIsSharedLevelWithRoomForLongFixedLines() {
        #expect(BodyScene.level(fixed: [5, 5, 5][...], words: 60) == 20)
        #expect(BodyScene.level(fixed: [30, 5, 5][...], words: 60) == 15)
        #expect(BodyScene.level(fixed: [40, 40][...], words: 60) == 0)
    }
}
