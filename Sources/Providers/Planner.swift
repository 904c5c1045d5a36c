import JobDocuments
import ProjectModel

/// The plan step's provider: hooks, outline and scenes for a project.
public protocol Planner: Provider {
    /// A plan for `project`: its own scenes as given, or scenes written for its topic.
    ///
    /// - Throws: an error whose description a person can act on; a ``ProviderError`` says whether
    ///   retrying unchanged could help.
    func plan(for project: ProjectFile) async throws -> Plan
    /// The plan with the name of the provider that wrote it; by default ``Provider/name``.
    func attributedPlan(for project: ProjectFile) async throws -> AttributedPlan
    /// Whether it writes narration in `language` (a canonical BCP 47 tag). A project without scenes
    /// of its own in a language its planner does not write fails when it is read; by default every
    /// language is written.
    func writes(language: String) -> Bool
}

/// A plan and the provider that actually wrote it, for `status.providers.plan`: a chat planner that
/// fell back to the offline plan says `template`, not its own name.
public struct AttributedPlan: Sendable, Hashable {
    public var plan: Plan
    public var provider: String

    public init(plan: Plan, provider: String) {
        self.plan = plan
        self.provider = provider
    }
}

extension Planner {
    public func writes(language: String) -> Bool { true }

    /// ``plan(for:)`` under this provider's name; a planner that delegates says to whom.
    public func attributedPlan(for project: ProjectFile) async throws -> AttributedPlan {
        AttributedPlan(plan: try await plan(for: project), provider: name)
    }
}
