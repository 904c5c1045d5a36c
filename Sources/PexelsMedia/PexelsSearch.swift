import Foundation
import HTTPTransport

/// Pexels' search API as this module uses it: portrait photos (`GET /v1/search`) and portrait videos
/// (`GET /videos/search`), the key in `Authorization` with no "Bearer", and the fields of their
/// answers that a pick and a credit need.
struct PexelsSearch: Sendable {
    let endpoint: ServiceEndpoint
    /// Results asked for in one search: enough to pick a good size from, few enough to answer fast.
    static let perPage = 10

    func photos(_ query: String) async throws -> [Photo] {
        try await search("v1/search", query, as: PhotoPage.self).photos ?? []
    }

    func videos(_ query: String) async throws -> [Video] {
        try await search("videos/search", query, as: VideoPage.self).videos ?? []
    }

    private func search<Page: Decodable>(_ path: String, _ query: String, as page: Page.Type) async throws -> Page {
        var url = endpoint.url(path)
        url.append(queryItems: [URLQueryItem(name: "query", value: query), URLQueryItem(name: "orientation", value: "portrait"),
                                URLQueryItem(name: "per_page", value: String(Self.perPage))])
        let request = HTTPRequest(url: url, headers: endpoint.headers, timeouts: .init(total: endpoint.timeout))
        return try await endpoint.service.sendJSON(request, as: Page.self).0
    }

    struct PhotoPage: Decodable {
        var photos: [Photo]?
    }

    struct VideoPage: Decodable {
        var videos: [Video]?
    }

    struct Photo: Decodable, Sendable, Hashable {
        var id: Int
        var width: Int
        var height: Int
        /// The photo's page on Pexels.
        var url: String
        var photographer: String
        var photographerURL: String?
        var src: Sources

        struct Sources: Decodable, Sendable, Hashable {
            var original: String
        }

        enum CodingKeys: String, CodingKey {
            case id, width, height, url, photographer, src
            case photographerURL = "photographer_url"
        }
    }

    struct Video: Decodable, Sendable, Hashable {
        var id: Int
        /// Whole seconds.
        var duration: Double
        /// The video's page on Pexels.
        var url: String
        var user: User
        var videoFiles: [File]

        struct User: Decodable, Sendable, Hashable {
            var name: String
            var url: String?
        }

        /// One encoding of the video; HLS playlists come without a size.
        struct File: Decodable, Sendable, Hashable {
            var fileType: String?
            var width: Int?
            var height: Int?
            var link: String

            enum CodingKeys: String, CodingKey {
                case width, height, link
                case fileType = "file_type"
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, duration, url, user
            case videoFiles = "video_files"
        }
    }
}
