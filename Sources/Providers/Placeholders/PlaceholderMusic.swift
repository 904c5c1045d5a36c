import Foundation

/// A text note where the music bed would be.
public struct PlaceholderMusic: MusicProvider {
    public let name = Placeholder.providerName

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("writes text placeholders (dry run)") }

    public func bed(_ request: MusicRequest, to output: URL) async throws -> String? {
        let what = request.file.map { "the project's \($0.lastPathComponent)" } ?? "mood \(request.mood ?? "none")"
        try Placeholder.write("[dry-run music] \(what), \(String(format: "%.2f", request.seconds)) s\n", to: output)
        return "placeholder for \(what)"
    }
}
