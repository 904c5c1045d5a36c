import Foundation
import Hummingbird
import Logging
import Operations

/// The HTTP API, the dashboard and `/metrics` as one Hummingbird application: a service to run in
/// the daemon's service group, beside its own services, so that it starts with them and stops with
/// them (shutdown closes event streams first).
///
/// | path | what |
/// |---|---|
/// | `GET /api/health` | the runbook's health shape; 500 when the index or the spool is unusable |
/// | `GET /api/status` | providers {openai, elevenlabs, ffmpeg}, ready, testMode, renderDryRun, message, steps |
/// | `GET /api/run` | jobs, newest first; `?state=`, `?limit=`, `?offset=`; `X-Total-Count` |
/// | `POST /api/run` | a project (JSON) or a batch (JSONL) through the inbox's claim |
/// | `GET /api/run/{id}` | the status, `logsJson`, the TikTok caption and hashtags |
/// | `POST /api/run/{id}/retry` | `{"fromStep": …}` |
/// | `POST /api/run/{id}/cancel` | |
/// | `GET /api/run/{id}/video`, `/thumbnail`, `/artifact?path=` | files of the job, with ranges |
/// | `GET /api/run/{id}/stream` | server-sent events until the job ends |
/// | `GET /metrics` | Prometheus text format |
/// | `GET /` | the dashboard |
public enum APIServer {
    /// The router alone: every route and middleware, for tests that call it without a socket.
    public static func router(configuration: APIConfiguration, operations: SpoolOperations, status: ServiceStatusCache,
                              metrics: SpoolMetrics) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: RequestIDMiddleware(bodyLimit: configuration.maxBodyBytes))
        router.add(middleware: RequestTimeoutMiddleware(limit: configuration.requestTimeout))
        router.add(middleware: BearerTokenMiddleware(key: configuration.apiKey))
        HealthRoutes(operations: operations, status: status, version: configuration.version).register(on: router)
        RunRoutes(operations: operations).register(on: router)
        JobFileRoutes(operations: operations).register(on: router)
        JobEventStream(operations: operations, slots: StreamSlots(limit: configuration.maxStreams),
                       pollInterval: configuration.streamPollInterval).register(on: router)
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                     body: .init(byteBuffer: ByteBuffer(string: metrics.scrape(operations))))
        }
        DashboardPage.register(on: router)
        return router
    }

    /// The application, listening on the configured address; `onListening` gets the bound port (useful
    /// when the configuration asks for port 0).
    ///
    /// - Throws: ``APIConfigurationError`` when the configuration is refused (an open bind without a token).
    public static func application(configuration: APIConfiguration, operations: SpoolOperations, status: ServiceStatusCache,
                                   metrics: SpoolMetrics, logger: Logger,
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) throws -> some ApplicationProtocol {
        try configuration.validate()
        let router = router(configuration: configuration, operations: operations, status: status, metrics: metrics)
        return Application(
            router: router,
            // Idle keep-alive connections are closed after a while; a body that trickles in is bounded
            // by the request timeout.
            server: .http1(configuration: .init(idleTimeout: .seconds(75))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "tiktok-ai",
                                 backlog: 1024),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }
}
