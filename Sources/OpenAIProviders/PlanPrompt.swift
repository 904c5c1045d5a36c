import Foundation
import ProjectModel
import TemplatePlanning

/// What the chat model is told: the niche pack's rules, the structure, the language, the length and
/// tempo, and the SEO keywords, in every request (the system we rebuild forgot the language after the
/// hooks, and never told the model the tempo).
enum PlanPrompt {
    static let schemaName = "tiktok_plan"

    /// The answer's shape, strict-mode ready: every object closed, every property required.
    static let schema: [String: any Sendable] = [
        "type": "object",
        "additionalProperties": false,
        "required": ["hooks", "outline", "scenes"],
        "properties": [
            "hooks": ["type": "array", "items": ["type": "string"]] as [String: any Sendable],
            "outline": ["type": "array", "items": ["type": "string"]] as [String: any Sendable],
            "scenes": [
                "type": "array",
                "items": [
                    "type": "object",
                    "additionalProperties": false,
                    "required": ["narration", "onScreenText", "visual"],
                    "properties": [
                        "narration": ["type": "string"],
                        "onScreenText": ["type": "string"],
                        "visual": ["type": "string"],
                    ] as [String: any Sendable],
                ] as [String: any Sendable],
            ] as [String: any Sendable],
        ] as [String: any Sendable],
    ]

    static func messages(for project: ProjectFile) -> [ChatClient.Message] {
        [.init(role: "system", content: system), .init(role: "user", content: request(for: project))]
    }

    static let system = """
        You write scripts for short vertical videos (TikTok, Reels, Shorts) that people watch to the end. \
        Answer with one JSON object only, no prose and no code fences, with exactly these keys: \
        "hooks" (5 alternative opening lines, best first), "outline" (one short line per scene), and \
        "scenes" (objects with "narration": what the voice says, "onScreenText": a 2 to 5 word label \
        shown on screen, "visual": a description of one picture for the scene, with no text in it).
        """

    static func request(for project: ProjectFile) -> String {
        let pack = project.nichePack
        let pacing = pack.pacing(forTargetSeconds: project.targetSeconds)
        let words = TemplatePlanner.wordBudget(for: project)
        let language = languageName(project.language)
        let structure = project.scriptTemplate.map { "\($0.name). \($0.summary)" }
            ?? "Explainer: the hook, then one idea a scene building to a payoff, then a call to action."
        let style = pack.styleBible + (project.visualStyle.map { "; \($0)" } ?? "")
        let scenes = "Scenes: \(pacing.minScenes) to \(pacing.maxScenes), each \(format(pacing.minSeconds)) to "
            + "\(format(pacing.maxSeconds)) seconds long when read aloud."
        let length = "Length: about \(project.targetSeconds) seconds of narration, \(words) words in total, read at "
            + "\(project.tempo.wordsPerMinute) words a minute (\(project.tempo.rawValue) tempo)."
        let languageLine = "Language: write the hooks, outline, narration and on-screen text in \(language) "
            + "(\(project.language)). Only the \"visual\" descriptions are in English."
        let ending = "The first scene's narration opens with the first hook, said within 3 seconds. "
            + "The last scene ends with a call to action such as: \(pack.callToAction)"
        var lines: [String] = [
            "Topic: \(project.topic)",
            languageLine,
            "Niche: \(pack.name). \(pack.summary)",
            "Visual style: \(style)",
            "Hook rules: \(pack.hookRules.joined(separator: " "))",
            "Structure: \(structure)",
            length,
            scenes,
            ending,
        ]
        if let hook = project.hook, !hook.isEmpty { lines.append("Use this as the first hook, word for word: \(hook)") }
        if !project.seoKeywords.isEmpty {
            lines.append("Work these search keywords naturally into the narration: " + project.seoKeywords.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }

    /// A second request after an answer that failed validation: the problems, and the ask to fix them.
    static func repair(_ problems: [String]) -> ChatClient.Message {
        .init(role: "user", content: "Your answer has these problems:\n- " + problems.joined(separator: "\n- ") +
              "\nAnswer again with the corrected JSON object only.")
    }

    /// `German` for `de`, `Portuguese (Brazil)` for `pt-BR`; the tag itself when unknown.
    static func languageName(_ tag: String) -> String {
        Locale(identifier: "en").localizedString(forIdentifier: tag) ?? tag
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }
}
