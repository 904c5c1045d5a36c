import Foundation
import Hummingbird
import JobDocuments
import Operations
import Spool

/// A job's files over HTTP: `/video`, `/thumbnail`, and any file of the job by `?path=` under
/// `/artifact`, with range requests (a browser's video element seeks with them).
///
/// Guarantee: only files inside the job's own folder are served. A path that is absolute, that
/// climbs with `..`, or that resolves (through symbolic links too) outside the folder answers 403.
struct JobFileRoutes {
    let operations: SpoolOperations
    let files = FileIO()

    func register(on router: Router<APIRequestContext>) {
        router.get("/api/run/{id}/video") { request, context in
            try await self.serve(id: try RunRoutes.jobID(context), path: "video.mp4", request, context)
        }
        router.head("/api/run/{id}/video") { request, context in
            try await self.serve(id: try RunRoutes.jobID(context), path: "video.mp4", request, context, headOnly: true)
        }
        router.get("/api/run/{id}/thumbnail") { request, context in
            let name = request.uri.queryParameters.get("frame").map { $0 == "first" ? "thumb_0.jpg" : $0 == "middle" ? "thumb_mid.jpg" : "thumb.jpg" } ?? "thumb.jpg"
            return try await self.serve(id: try RunRoutes.jobID(context), path: name, request, context)
        }
        router.get("/api/run/{id}/artifact") { request, context in
            guard let path = request.uri.queryParameters.get("path"), !path.isEmpty else {
                throw APIError(.badRequest, "name the file: ?path=export.json")
            }
            return try await self.serve(id: try RunRoutes.jobID(context), path: String(path), request, context)
        }
    }

    /// The file's real path if it is inside the job's folder; throws 403 if it is not, 404 if it is missing.
    func resolve(id: String, path: String) throws -> (file: URL, size: Int) {
        guard let folder = operations.layout.locate(jobID: id)?.folder else { throw APIError(.notFound, "no job '\(id)'") }
        if path.hasPrefix("/") || path.split(separator: "/").contains("..") || path.contains("\0") {
            throw APIError(.forbidden, "'\(path)' is outside the job's folder")
        }
        let root = folder.resolvingSymlinksInPath().standardizedFileURL.path
        let candidate = folder.appending(path: path)
        guard FileManager.default.fileExists(atPath: candidate.path) else { throw APIError(.notFound, "job '\(id)' has no \(path)") }
        let real = candidate.resolvingSymlinksInPath().standardizedFileURL
        guard real.path.hasPrefix(root + "/") else { throw APIError(.forbidden, "'\(path)' is outside the job's folder") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let size = (try? FileManager.default.attributesOfItem(atPath: real.path)[.size] as? NSNumber)?.intValue else {
            throw APIError(.notFound, "job '\(id)' has no file \(path)")
        }
        return (real, size)
    }

    func serve(id: String, path: String, _ request: Request, _ context: APIRequestContext, headOnly: Bool = false) async throws -> Response {
        let (file, size) = try resolve(id: id, path: path)
        var headers: HTTPFields = [.contentType: Self.contentType(of: file.pathExtension), .acceptRanges: "bytes", .cacheControl: "no-cache"]
        switch ByteRange(header: request.headers[.range], size: size) {
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(size)"
            return Response(status: .rangeNotSatisfiable, headers: headers)
        case .whole:
            headers[.contentLength] = String(size)
            if headOnly || size == 0 { return Response(status: .ok, headers: headers) }
            return Response(status: .ok, headers: headers, body: try await files.loadFile(path: file.path, context: context))
        case .part(let range):
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(size)"
            headers[.contentLength] = String(range.count)
            if headOnly { return Response(status: .partialContent, headers: headers) }
            return Response(status: .partialContent, headers: headers,
                            body: try await files.loadFile(path: file.path, range: range, context: context))
        }
    }

    static func contentType(of ext: String) -> String {
        switch ext.lowercased() {
        case "mp4": "video/mp4"
        case "m4a": "audio/mp4"
        case "wav": "audio/wav"
        case "mp3": "audio/mpeg"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "json": "application/json"
        case "ass", "log", "txt", "jsonl": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }
}
