import Foundation
import JobDocuments
import Languages
import ProjectModel

/// What the finished video is posted with: TikTok's title, caption and hashtags.
public struct VideoMetadata: Sendable, Hashable {
    public var title: String
    public var caption: String
    /// Without `#`, lower case, at most ten.
    public var hashtags: [String]

    public init(title: String, caption: String, hashtags: [String]) {
        self.title = title
        self.caption = caption
        self.hashtags = hashtags
    }
}

/// The finalize step's provider of ``VideoMetadata``.
public protocol MetadataWriter: Provider {
    /// Never throws for a bad answer: a writer that cannot use what it got returns its fallback's
    /// metadata, and says why in `warning`.
    func metadata(for project: ProjectFile, plan: Plan) async throws -> (metadata: VideoMetadata, provider: String, warning: String?)
}

/// The metadata of the template: the topic as the title, the hook and a call to follow as the
/// caption, the SEO keywords and the pack's hashtags.
public struct TemplateMetadataWriter: MetadataWriter {
    public let name = "template"

    public init() {}

    public func readiness() async -> ProviderReadiness { .ready("titles and hashtags from the topic, hook and niche pack") }

    public func metadata(for project: ProjectFile, plan: Plan) async throws -> (metadata: VideoMetadata, provider: String, warning: String?) {
        (Self.metadata(project, plan), name, nil)
    }

    /// In a language other than English, the caption is the hook alone and the hashtags are the
    /// project's keywords and `#fyp`: the pack's hashtags and the call to follow are English words.
    public static func metadata(_ project: ProjectFile, _ plan: Plan) -> VideoMetadata {
        let english = (try? LanguageTag(parsing: project.language))?.isEnglish ?? true
        guard english else {
            let hook = plan.hook.trimmingCharacters(in: .whitespacesAndNewlines)
            return VideoMetadata(title: title(topic: project.topic),
                                 caption: hook.count <= 150 ? hook : String(hook.prefix(149)) + "…",
                                 hashtags: clean(project.seoKeywords + ["fyp"]))
        }
        return VideoMetadata(title: title(topic: project.topic), caption: caption(hook: plan.hook),
                             hashtags: hashtags(pack: project.nichePack, keywords: project.seoKeywords))
    }

    public static func title(topic: String) -> String {
        let trimmed = topic.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count <= 60 ? trimmed : String(trimmed.prefix(57)) + "…"
    }

    public static func caption(hook: String) -> String {
        let text = "\(hook) Follow for more."
        return text.count <= 150 ? text : String(hook.prefix(140)) + "…"
    }

    /// Lower-case letters and digits only, keywords first, no repeats, at most ten.
    public static func hashtags(pack: NichePack, keywords: [String]) -> [String] {
        clean(keywords + pack.hashtags)
    }

    public static func clean(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.map { $0.lowercased().filter { $0.isLetter || $0.isNumber } }
            .filter { !$0.isEmpty && seen.insert($0).inserted }.prefix(10).map { $0 }
    }
}
