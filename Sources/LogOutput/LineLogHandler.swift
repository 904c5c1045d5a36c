import Foundation
import Logging

/// The swift-log handler of every command: each event becomes one ``LogEntry`` — the handler's metadata
/// (a per-job logger's `job`) merged with the event's — written once in the ``LogFormat`` of its
/// ``LogOutputs`` to each of their targets that takes its level.
public struct LineLogHandler: LogHandler {
    public let label: String
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let outputs: LogOutputs

    init(label: String, logLevel: Logger.Level, outputs: LogOutputs) {
        self.label = label
        self.logLevel = logLevel
        self.outputs = outputs
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        outputs.write(LogEntry(level: event.level, label: label, message: event.message.description, metadata: merged))
    }
}
