import JobDocuments
import ProjectModel

/// The plan step's provider: hooks, outline and scenes for a project.
public protocol Planner: Provider {
    /// A plan for `project`: its own scenes as given, or scenes written for its topic.
    ///
    /// - Throws: an error whose description a person can act on; a ``ProviderError`` says whether
    ///   retrying unchanged could help.
    func plan(for project: ProjectFile) async throws -> Plan
}
