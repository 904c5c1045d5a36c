import Foundation
import Logging

/// One log event, ready to be written: its metadata flattened to string fields, so a JSON line has
/// `"job": "octopus"` at the top level where Loki or ELK index it.
public struct LogEntry: Sendable, Equatable {
    public var timestamp: Date
    public var level: Logger.Level
    public var label: String
    public var message: String
    /// Nested dictionaries become dotted keys (`provider.name`); lists their text form.
    public var fields: [String: String]

    public init(timestamp: Date = Date(), level: Logger.Level, label: String, message: String, metadata: Logger.Metadata = [:]) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        var fields: [String: String] = [:]
        Self.flatten(metadata, prefix: "", into: &fields)
        self.fields = fields
    }

    private static func flatten(_ metadata: Logger.Metadata, prefix: String, into fields: inout [String: String]) {
        for (key, value) in metadata {
            switch value {
            case .dictionary(let nested): flatten(nested, prefix: prefix + key + ".", into: &fields)
            default: fields[prefix + key] = value.description
            }
        }
    }
}
