import ProjectModel
import Providers
import Testing
@testable import TemplatePlanning

/// The first scene's label is the topic shortened at a phrase boundary, never mid-clause.
@Suite("On-screen labels")
struct OnScreenLabelTests {
    /// Topics as people write them, and the label of the explainer's first scene.
    static let topicLabels: [(topic: String, label: String)] = [
        ("The lighthouse keeper who kept hearing knocks at night", "THE LIGHTHOUSE KEEPER"),
        ("Why octopuses have three hearts", "WHY OCTOPUSES HAVE THREE HEARTS"),
        ("Octopuses", "OCTOPUSES EXPLAINED"),
        ("Black holes: what happens inside", "BLACK HOLES: WHAT HAPPENS INSIDE"),
        ("Coffee: the drink that built empires", "COFFEE EXPLAINED"),
        ("Napoleon's last battle: what really happened at Waterloo in the summer of that year", "NAPOLEON'S LAST BATTLE"),
        ("Is coffee bad for you? The truth", "IS COFFEE BAD FOR YOU"),
        ("How the humble paperclip took over the world", "HOW THE HUMBLE PAPERCLIP"),
        ("How to make the perfect cup of coffee", "MAKE THE PERFECT CUP"),
        ("How to start running when you hate running", "HOW TO START RUNNING"),
        ("Why do cats knead blankets with their paws", "WHY DO CATS KNEAD BLANKETS"),
        ("Why you should never skip breakfast", "YOU SHOULD NEVER SKIP BREAKFAST"),
        ("What happens to your body when you stop eating sugar", "WHAT HAPPENS TO YOUR BODY"),
        ("Ten surprising facts nobody tells you about sleep", "TEN SURPRISING FACTS"),
        ("Things that go bump in the night", "THINGS THAT GO BUMP"),
        ("The one habit that changed my mornings forever", "THE ONE HABIT"),
        ("The science of why we procrastinate", "WHY WE PROCRASTINATE"),
        ("The mystery of the Mary Celeste ghost ship", "THE MARY CELESTE GHOST SHIP"),
        ("The surprisingly long and winding history of the humble paperclip in offices", "THE HUMBLE PAPERCLIP"),
        ("Why cats sleep all day and hunt at night", "WHY CATS SLEEP ALL DAY"),
        ("Quantum computing explained for absolute beginners", "QUANTUM COMPUTING EXPLAINED"),
        ("The Great Emu War of 1932", "THE GREAT EMU WAR"),
        ("A video about the Roman aqueducts and how they carried water for hundreds of miles", "THE ROMAN AQUEDUCTS"),
    ]

    @Test(arguments: topicLabels)
    func theFirstSceneLabelEndsAtAPhraseBoundary(topic: String, label: String) {
        let plan = TemplatePlanner.plan(for: TemplatePlannerTests.project(topic))
        #expect(plan.scenes[0].onScreenText == label)
    }

    /// Whatever the topic and template, the label is 2–5 words and its topic part never ends on a
    /// function word ("… WHO", "… OF"), unless the whole topic does.
    @Test func labelsNeverEndOnAFunctionWord() {
        for (topic, _) in Self.topicLabels {
            for template in TemplatePlannerTests.templates {
                let plan = TemplatePlanner.plan(for: TemplatePlannerTests.project(topic, template: template, seconds: 30))
                let label = plan.scenes[0].onScreenText
                #expect((2...5).contains(label.split(separator: " ").count), "\(topic): \(label)")
                let phrase = TopicPhrase(topic)
                guard phrase.wordCount > 5 else { continue }
                let subject = phrase.short.phrase.split(separator: " ")
                #expect(!TopicPhrase.functionWords.contains(PhraseCut.bare(String(subject.last!))), "\(topic): \(label)")
            }
        }
    }

    @Test func eachTemplateDressesTheShortTopic() {
        let topic = "The lighthouse keeper who kept hearing knocks at night"
        let labels = TemplatePlannerTests.templates.map {
            TemplatePlanner.plan(for: TemplatePlannerTests.project(topic, template: $0)).scenes[0].onScreenText
        }
        #expect(labels == ["THE LIGHTHOUSE KEEPER", "THE LIGHTHOUSE KEEPER", "THE LIGHTHOUSE KEEPER", "THE LIGHTHOUSE KEEPER"])
        let oneWord = TemplatePlannerTests.templates.map {
            TemplatePlanner.plan(for: TemplatePlannerTests.project("Coffee: the drink that built empires", template: $0))
                .scenes[0].onScreenText
        }
        #expect(oneWord == ["COFFEE EXPLAINED", "TOP 5 COFFEE", "COFFEE: MYTH OR FACT?", "MY COFFEE STORY"])
    }

    /// A project scene without its own on-screen text is labelled with its narration's first words,
    /// cut the same way (at most four).
    @Test func projectSceneLabelsEndAtAPhraseBoundary() {
        let cases: [(narration: String, label: String)] = [
            ("This *blender* crushes ice in seconds, honestly.", "THIS BLENDER CRUSHES ICE"),
            ("Would you try it? Tell me below.", "WOULD YOU TRY IT"),
            ("The keeper who kept hearing knocks never slept again.", "THE KEEPER"),
            ("Octopuses have three hearts and blue blood.", "OCTOPUSES HAVE THREE HEARTS"),
            ("Why octopuses have three hearts.", "OCTOPUSES HAVE THREE HEARTS"),
            ("The history of the paperclip is stranger than you think.", "THE HISTORY"),
            ("Nobody expected the ending.", "NOBODY EXPECTED THE ENDING"),
        ]
        for item in cases {
            #expect(TemplatePlanner.defaultOnScreenText(item.narration) == item.label, "\(item.narration)")
        }
    }

    /// Hooks carry the topic, so a long one cannot be said in five seconds at a slow tempo; then
    /// hooks use the short form the label uses.
    @Test func longTopicsGetHooksThatFitTheFirstFiveSeconds() {
        let topic = "The lighthouse keeper who kept hearing knocks at night"
        for template in TemplatePlannerTests.templates {
            let plan = TemplatePlanner.plan(for: TemplatePlannerTests.project(topic, template: template, tempo: .slow))
            #expect(Double(SpeechText.wordCount(plan.hook)) / 120 * 60 <= TemplatePlanner.hookSeconds, "\(plan.hook)")
            #expect(plan.hook.lowercased().contains("the lighthouse keeper"), "\(plan.hook)")
            #expect(plan.warnings.isEmpty, "\(plan.warnings)")
        }
    }
}
