import Foundation
import HTTPTypes
import Hummingbird
import JobDocuments
import JobQueue
import Operations
import Spool

/// The jobs ("runs" in the runbook's words): list, one job, submit, retry, cancel. Every answer comes
/// from ``SpoolOperations``, as the CLI's do; nothing here reaches into the pipeline.
struct RunRoutes {
    let operations: SpoolOperations
    /// How many log lines `GET /api/run/{id}` includes.
    static let recentLogLines = 50
    static let maxPageSize = 500
    /// Pages kept between polls while the index is unchanged (``RecentAnswers``).
    let pages = RecentAnswers<ListingPage>(maxAge: .seconds(1))

    /// One page of the listing, encoded, and the total it is part of.
    struct ListingPage: Sendable {
        var json: ByteBuffer
        var count: Int
        var total: Int
    }

    func register(on router: Router<APIRequestContext>) {
        router.get("/api/run") { request, _ in try self.list(request) }
        router.post("/api/run") { request, context in try await self.submit(request, context: context) }
        router.get("/api/run/{id}") { _, context in try self.show(try Self.jobID(context)) }
        router.post("/api/run/{id}/retry") { request, context in try await self.retry(try Self.jobID(context), request, context: context) }
        router.post("/api/run/{id}/cancel") { _, context in try await self.cancel(try Self.jobID(context)) }
    }

    static func jobID(_ context: APIRequestContext) throws -> String {
        guard let id = context.parameters.get("id"), !id.isEmpty, id.count <= 200, !id.contains("/"), id != ".", id != ".." else {
            throw APIError(.badRequest, "a job id is letters, digits, '.', '_' and '-'")
        }
        return id
    }

    /// `?state=failed&limit=50&offset=100`, newest first. The total for the filter is in `X-Total-Count`.
    func list(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        var state: JobState?
        if let name = query.get("state") ?? query.get("status") {
            guard let parsed = JobState(rawValue: name) else {
                throw APIError(.badRequest, "unknown state '\(name)'", extra: ["validStates": JobState.allCases.map(\.rawValue)])
            }
            state = parsed
        }
        let limit = try Self.number(query.get("limit"), name: "limit", default: 100, range: 1...Self.maxPageSize)
        let offset = try Self.number(query.get("offset"), name: "offset", default: 0, range: 0...Int.max)
        let key = "\(state?.rawValue ?? "*") \(limit) \(offset)"
        let page = try pages.value(for: key, writeCount: operations.indexWriteCount) {
            let jobs: [JobSummary]
            let counts: [JobState: Int]
            do {
                jobs = try operations.list(state: state, limit: limit, offset: offset)
                counts = try operations.indexCounts()
            } catch let error as OperationError {
                throw APIError(.serviceUnavailable, error.description)
            }
            let total = state.map { counts[$0] ?? 0 } ?? counts.values.reduce(0, +)
            return ListingPage(json: ByteBuffer(bytes: try APIJSON.encoder.encode(jobs)), count: jobs.count, total: total)
        }
        let total = page.total
        var response = APIError.json(status: .ok, encoded: page.json)
        response.headers[HTTPField.Name("X-Total-Count")!] = String(total)
        if offset + page.count < total {
            let next = "/api/run?" + [state.map { "state=\($0.rawValue)" }, "limit=\(limit)", "offset=\(offset + page.count)"]
                .compactMap { $0 }.joined(separator: "&")
            response.headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\""
        }
        return response
    }

    static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(.badRequest, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound == Int.max ? "any" : String(range.upperBound))")
        }
        return number
    }

    /// The status document, with `status` (the runbook's name for the state), `folder`, its recent log
    /// lines as `logsJson`, the TikTok caption and hashtags once `export.json` exists, and links.
    func show(_ id: String) throws -> Response {
        guard let status = operations.status(of: id), let located = operations.layout.locate(jobID: id) else {
            throw notFound(id)
        }
        var document = (try? JSONSerialization.jsonObject(with: APIJSON.encoder.encode(status))) as? [String: Any] ?? [:]
        document["status"] = status.state.rawValue
        document["folder"] = located.folder.path
        document["logsJson"] = JobLogTail.lines(in: located.folder, last: Self.recentLogLines)
        if let data = try? Data(contentsOf: JobFiles(folder: located.folder).export),
           let export = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            document["tiktok"] = ["title": export["title"] ?? "", "caption": export["caption"] ?? "", "hashtags": export["hashtags"] ?? []]
        }
        var links = ["stream": "/api/run/\(id)/stream"]
        if status.artifacts.video != nil { links["video"] = "/api/run/\(id)/video" }
        if status.artifacts.thumbnail != nil { links["thumbnail"] = "/api/run/\(id)/thumbnail" }
        document["links"] = links
        let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    func notFound(_ id: String) -> APIError {
        if let purged = operations.purgedJob(id) {
            return APIError(.notFound, "job '\(id)' was purged: its folder \(purged.folder)/\(id) was removed (last state \(purged.state.rawValue))")
        }
        return APIError(.notFound, "no job '\(id)'")
    }

    /// `{"fromStep": "render"}` (optional): an unknown step answers 400 with the valid ones.
    func retry(_ id: String, _ request: Request, context: APIRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        var step: PipelineStep?
        if body.readableBytes > 0 {
            guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any] else {
                throw APIError(.badRequest, "the body is a JSON object: {\"fromStep\": \"render\"} or {}")
            }
            let unknown = Set(object.keys).subtracting(["fromStep"])
            if !unknown.isEmpty { throw APIError(.badRequest, "unknown field(s) \(unknown.sorted().joined(separator: ", ")); the body takes fromStep") }
            if let name = object["fromStep"], !(name is NSNull) {
                guard let name = name as? String, let parsed = try? PipelineStep.named(name) else {
                    throw APIError(.badRequest, "unknown step '\(object["fromStep"].map { "\($0)" } ?? "")'",
                                   extra: ["validSteps": PipelineStep.allCases.map(\.rawValue)])
                }
                step = parsed
            }
        }
        do {
            return APIJSON.response(try await operations.retry(id, from: step))
        } catch JobQueueError.notFound {
            throw notFound(id)
        } catch let error as JobQueueError {
            throw APIError(.conflict, error.description)
        }
    }

    func cancel(_ id: String) async throws -> Response {
        struct Answer: Encodable {
            var id: String
            var outcome: String
            var status: JobStatus
        }
        let outcome: CancelOutcome
        do {
            outcome = try await operations.cancel(id)
        } catch JobQueueError.notFound {
            throw notFound(id)
        }
        switch outcome {
        case .canceled(let status): return APIJSON.response(Answer(id: id, outcome: "canceled", status: status))
        case .requested(let status): return APIJSON.response(Answer(id: id, outcome: "requested", status: status), status: .accepted)
        case .alreadyFinished(let status):
            throw APIError(.conflict, "job '\(id)' is already \(status.state.rawValue); nothing to cancel")
        }
    }

    /// A project JSON, or a JSONL batch (`Content-Type: application/x-ndjson`, or `?name=NAME.jsonl`),
    /// through the inbox's own claim. 201 with the jobs; 400 for an invalid project (nothing queued).
    func submit(_ request: Request, context: APIRequestContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: context.bodyLimit)
        let data = Data(buffer: body)
        guard !data.isEmpty else { throw APIError(.badRequest, "the body is empty: send a project (JSON) or a batch (JSONL)") }
        let contentType = request.headers[.contentType]?.lowercased() ?? ""
        let isBatch = contentType.contains("ndjson") || contentType.contains("jsonl")
        let stamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false)).replacingOccurrences(of: ":", with: "")
        let name = request.uri.queryParameters.get("name").map { String($0) } ?? "api-\(stamp).\(isBatch ? "jsonl" : "json")"
        do {
            let jobs = try operations.submit(data, named: name)
            struct Entry: Encodable {
                var id: String
                var state: JobState
                var error: String?
            }
            struct Answer: Encodable { var jobs: [Entry] }
            return APIJSON.response(Answer(jobs: jobs.map { Entry(id: $0.id, state: $0.state, error: $0.error?.message) }), status: .created)
        } catch let error as SubmitError {
            throw APIError(.badRequest, error.description)
        }
    }
}
