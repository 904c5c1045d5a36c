import Foundation
import HTTPTransport
import JobDocuments
import ProjectModel
import Providers

/// TikTok's title, caption and hashtags written by the chat model ("openai"), in the project's
/// language, with the template's as the fallback for an answer it cannot use.
///
/// The prompt carries the topic, the language, the niche, the hook and the SEO keywords, but nothing
/// of the scenes (their labels may come from the narration): an edited scene does not make the
/// metadata be asked for again (the answer is cached by its request).
public struct ChatMetadataWriter: MetadataWriter {
    public let name = "openai"
    let chat: ChatClient
    static let schemaName = "tiktok_metadata"

    public init(chat: ChatClient) { self.chat = chat }

    public var isRemote: Bool { true }

    public func readiness() async -> ProviderReadiness { chat.endpoint.readiness }

    static let schema: [String: any Sendable] = [
        "type": "object", "additionalProperties": false, "required": ["title", "caption", "hashtags"],
        "properties": [
            "title": ["type": "string"] as [String: any Sendable],
            "caption": ["type": "string"] as [String: any Sendable],
            "hashtags": ["type": "array", "items": ["type": "string"] as [String: any Sendable]] as [String: any Sendable],
        ] as [String: any Sendable],
    ]

    static func messages(_ project: ProjectFile, _ plan: Plan) -> [ChatClient.Message] {
        let pack = project.nichePack
        var lines = [
            "Topic: \(project.topic)",
            "Language: \(project.language) (write the title and caption in it)",
            "Niche: \(pack.name)",
            "Hook: \(plan.hook)",
        ]
        if !project.seoKeywords.isEmpty { lines.append("SEO keywords: " + project.seoKeywords.joined(separator: ", ")) }
        return [
            .init(role: "system", content: """
                You write TikTok metadata for a short vertical video. Answer with one JSON object: \
                "title" (at most 60 characters), "caption" (at most 150 characters, the hook's promise and a call \
                to follow, no hashtags in it) and "hashtags" (5 to 10 words without #, lower case, the SEO keywords first).
                """),
            .init(role: "user", content: lines.joined(separator: "\n")),
        ]
    }

    struct Answer: Decodable {
        var title: String
        var caption: String
        var hashtags: [String]
    }

    public func metadata(for project: ProjectFile, plan: Plan) async throws -> (metadata: VideoMetadata, provider: String, warning: String?) {
        let why: String
        do {
            let answer = try await chat.complete(Self.messages(project, plan), schemaName: Self.schemaName, schema: Self.schema)
            if let metadata = Self.check(answer.json, project) { return (metadata, name, nil) }
            why = "the model's metadata failed its checks (a title, a caption and hashtags are needed)"
        } catch let error as UnusableAnswer {
            why = "the model's metadata was unusable (\(error.message))"
        }
        return (TemplateMetadataWriter.metadata(project, plan), "template", "\(why); the template's title, caption and hashtags are used")
    }

    /// The answer trimmed to TikTok's lengths, the SEO keywords first among the hashtags; nil if a part is missing.
    static func check(_ json: String, _ project: ProjectFile) -> VideoMetadata? {
        guard let answer = try? JSONDecoder().decode(Answer.self, from: Data(json.utf8)) else { return nil }
        let title = answer.title.trimmingCharacters(in: .whitespacesAndNewlines)
        let caption = answer.caption.trimmingCharacters(in: .whitespacesAndNewlines)
        let hashtags = TemplateMetadataWriter.clean(project.seoKeywords + answer.hashtags)
        guard !title.isEmpty, !caption.isEmpty, !hashtags.isEmpty else { return nil }
        return VideoMetadata(title: TemplateMetadataWriter.title(topic: title),
                             caption: caption.count <= 150 ? caption : String(caption.prefix(149)) + "…", hashtags: hashtags)
    }
}

extension ChatMetadataWriter: CostEstimating {
    /// One short request: about 300 tokens in, 120 out.
    public func estimatedUsd(for project: ProjectFile) -> Double {
        chat.endpoint.price.usd(Usage(inputTokens: 300, outputTokens: 120))
    }
}
