import Foundation
import HTTPAPI
import Logging
import Media
import Operations
import Pipeline
import Providers
import ServiceLifecycle
import Settings

/// Composes `serve --http`: the API's configuration from the flag and the settings, the provider
/// status it reports, and the metrics it serves. The server itself lives in ``HTTPAPI``; this is the
/// only place that knows both it and the providers.
enum HTTPServerSetup {
    /// `--http HOST:PORT` (or `HOST`, `:PORT`, `PORT`) with `PORT` and `API_KEY` from the settings.
    static func configuration(address: String, settings: Settings) throws -> APIConfiguration {
        let (host, port) = try APIConfiguration.parseAddress(address, defaultPort: settings.httpPort)
        let configuration = APIConfiguration(host: host, port: port, apiKey: settings.apiKey, version: TikTokAI.version)
        try configuration.validate()
        return configuration
    }

    /// The service to run beside the daemon's.
    static func service(configuration: APIConfiguration, operations: SpoolOperations, settings: Settings,
                        catalog: ProviderCatalog, logger: Logger) throws -> any Service {
        let steps = ProviderComposition.byStep(catalog)
        let providers = settings.providers
        let status = ServiceStatusCache {
            var entries: [ServiceStatus.StepProvider] = []
            for (step, provider) in steps {
                let readiness = await provider.readiness()
                entries.append(.init(step: step, provider: provider.name, ready: readiness.isReady, detail: readiness.detail))
            }
            let ffmpeg = (try? ToolLocator.ffmpeg()) != nil
            return ServiceStatus(providers: .init(openai: providers.chat.apiKey != nil, elevenlabs: providers.elevenLabsKey != nil,
                                                  ffmpeg: ffmpeg),
                                 renderDryRun: settings.renderDryRun, steps: entries)
        }
        return try APIServer.application(configuration: configuration, operations: operations, status: status,
                                         metrics: SpoolMetrics.bootstrap(), logger: logger) { port in
            logger.info("HTTP API and dashboard on http://\(configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host):\(port)/\(configuration.apiKey == nil ? " (no API_KEY: writes are open to loopback clients)" : "")")
        }
    }
}
