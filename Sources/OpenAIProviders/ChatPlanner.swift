import Foundation
import HTTPTransport
import JobDocuments
import ProjectModel
import Providers
import TemplatePlanning

/// The plan step's provider when a chat model is configured ("openai"): hooks, outline and scenes
/// written by the model for the project's topic, language, pack, structure, length and tempo.
///
/// Guarantees:
/// - a plan it returns passes the same checks as the offline planner's: five hooks, a scene count in
///   the pack's range (one either side tolerated), every scene with narration, a label and a
///   picture, and the narration within 60–150 % of the word budget;
/// - an answer that fails them is sent back once with its problems; a second failure, or an answer
///   with no JSON in it, gives the offline plan with a warning naming why. Never a half plan;
/// - a call that fails for good (after ``ServiceClient``'s retries) fails the step with the
///   service, the HTTP status and the reason: a user who configured a model does not silently get
///   template text;
/// - a project with its own scenes is planned offline: its narration is used as written.
public struct ChatPlanner: Planner {
    public let name = "openai"
    let chat: ChatClient
    let fallback: any Planner

    public init(chat: ChatClient, fallback: any Planner) {
        self.chat = chat
        self.fallback = fallback
    }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness {
        chat.endpoint.readiness
    }

    public func plan(for project: ProjectFile) async throws -> Plan { try await attributedPlan(for: project).plan }

    public func attributedPlan(for project: ProjectFile) async throws -> AttributedPlan {
        if let scenes = project.scenes, !scenes.isEmpty { return try await fallback.attributedPlan(for: project) }
        var messages = PlanPrompt.messages(for: project)
        var why: String
        do {
            let first = try await chat.complete(messages, schemaName: PlanPrompt.schemaName, schema: PlanPrompt.schema)
            switch Self.check(first.json, for: project) {
            case .success(let plan): return AttributedPlan(plan: plan, provider: name)
            case .failure(let problems):
                messages.append(.init(role: "assistant", content: first.json))
                messages.append(PlanPrompt.repair(problems.list))
                let second = try await chat.complete(messages, schemaName: PlanPrompt.schemaName, schema: PlanPrompt.schema)
                switch Self.check(second.json, for: project) {
                case .success(let plan): return AttributedPlan(plan: plan, provider: name)
                case .failure(let again): why = "the model's plan failed its checks twice (" + again.list.joined(separator: "; ") + ")"
                }
            }
        } catch let error as UnusableAnswer {
            why = "the model's answer was unusable (\(error.message))"
        }
        try Task.checkCancellation()
        // The offline plan is English: in another language it would put foreign words in the video.
        guard fallback.writes(language: project.language) else {
            throw ProviderError("plan: \(why), and the offline planner does not write \(project.language)", retryable: true)
        }
        var offline = try await fallback.attributedPlan(for: project)
        offline.plan.warnings.insert("the offline plan was used: \(why)", at: 0)
        return offline
    }

    struct Problems: Error {
        var list: [String]
    }

    /// The model's JSON as a plan, or what is wrong with it.
    static func check(_ json: String, for project: ProjectFile) -> Result<Plan, Problems> {
        let draft: Draft
        do {
            draft = try JSONDecoder().decode(Draft.self, from: Data(json.utf8))
        } catch {
            return .failure(Problems(list: ["it is not an object with hooks, outline and scenes (\(error.localizedDescription))"]))
        }
        var problems: [String] = []
        let hooks = draft.hooks.map(collapse).filter { !$0.isEmpty }
        if hooks.count != 5 { problems.append("there must be 5 hooks; there are \(hooks.count)") }
        let pacing = project.nichePack.pacing(forTargetSeconds: project.targetSeconds)
        let allowed = max(1, pacing.minScenes - 1)...(pacing.maxScenes + 1)
        if !allowed.contains(draft.scenes.count) {
            problems.append("there must be \(pacing.minScenes) to \(pacing.maxScenes) scenes; there are \(draft.scenes.count)")
        }
        for (index, scene) in draft.scenes.enumerated() {
            if collapse(scene.narration).isEmpty { problems.append("scene \(index + 1) has no narration") }
            if collapse(scene.onScreenText).isEmpty { problems.append("scene \(index + 1) has no onScreenText") }
            if collapse(scene.visual).isEmpty { problems.append("scene \(index + 1) has no visual") }
        }
        let budget = TemplatePlanner.wordBudget(for: project)
        let words = draft.scenes.reduce(0) { $0 + SpeechText.wordCount($1.narration) }
        if Double(words) < Double(budget) * 0.6 || Double(words) > Double(budget) * 1.5 {
            problems.append("the narration has \(words) words; it must have about \(budget)")
        }
        guard problems.isEmpty else { return .failure(Problems(list: problems)) }

        // The offline planner lays the scenes out (effects, timings, estimate, pacing warnings)
        // exactly as it does for a project's own scenes.
        let pack = project.nichePack
        var shaped = project
        shaped.scenes = draft.scenes.map { scene in
            var input = ProjectFile.SceneInput(narration: collapse(scene.narration))
            input.onScreenText = collapse(scene.onScreenText)
            input.visual = [pack.styleBible, project.visualStyle, collapse(scene.visual), "vertical 9:16 composition"]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return input
        }
        var plan = TemplatePlanner.plan(for: shaped)
        plan.hooks = hooks
        plan.hook = project.hook.map(collapse).flatMap { $0.isEmpty ? nil : $0 } ?? hooks[0]
        let outline = draft.outline.map(collapse).filter { !$0.isEmpty }
        if !outline.isEmpty { plan.outline = ["Hook: \(plan.hook)"] + outline }
        plan.source = "openai"
        return .success(plan)
    }

    private struct Draft: Decodable {
        struct Scene: Decodable {
            var narration: String
            var onScreenText: String
            var visual: String
        }
        var hooks: [String]
        var outline: [String]
        var scenes: [Scene]
    }

    private static func collapse(_ text: String?) -> String {
        (text ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension ChatPlanner: CostEstimating {
    /// One request of about 1,500 prompt tokens, answered by two tokens a spoken word plus the
    /// hooks and outline; a project with its own scenes is planned offline, for nothing.
    public func estimatedUsd(for project: ProjectFile) -> Double {
        guard project.scenes == nil else { return 0 }
        let words = ProjectSize.spokenCharacters(project) / 6
        return chat.endpoint.price.usd(Usage(inputTokens: 1500, outputTokens: words * 2 + 400))
    }
}
