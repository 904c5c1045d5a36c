import JobDocuments
import ProjectModel
import Providers

/// The offline planner as the plan step's provider: ``TemplatePlanner``'s plans, written in
/// microseconds with no model and no network — the default, and what a fresh machine uses.
public struct TemplatePlanProvider: Planner {
    public let name = "template"

    public init() {}

    public func readiness() async -> ProviderReadiness {
        .ready("\(NichePack.all.count) niche packs, \(ScriptTemplate.allCases.count + 1) script structures; offline")
    }

    public func plan(for project: ProjectFile) async throws -> Plan { TemplatePlanner.plan(for: project) }

    /// Its script library is English.
    public func writes(language: String) -> Bool { TemplatePlanner.writes(language: language) }
}
