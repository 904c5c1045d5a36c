import Foundation
import Logging

/// How a ``LogEntry`` is written (`LOG_FORMAT`): one line each, newline included.
///
/// - `text`: `2026-12-02T10:00:00.123Z info tiktok-ai: job=octopus octopus: plan done` — the format the
///   daemon always had.
/// - `json`: `{"timestamp":"…","level":"info","label":"tiktok-ai","message":"…","job":"octopus"}`, one
///   object per line. A metadata field named like one of the four fixed keys is written as `metadata.KEY`,
///   so it never replaces them.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json

    public func line(_ entry: LogEntry) -> String {
        let stamp = entry.timestamp.formatted(Self.timestampStyle)
        switch self {
        case .text:
            let pretty = entry.fields.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
            return "\(stamp) \(entry.level) \(entry.label):\(pretty) \(entry.message)\n"
        case .json:
            var line = "{\"timestamp\":\(Self.quoted(stamp)),\"level\":\(Self.quoted(entry.level.rawValue))"
            line += ",\"label\":\(Self.quoted(entry.label)),\"message\":\(Self.quoted(entry.message))"
            for (key, value) in entry.fields.sorted(by: { $0.key < $1.key }) {
                let name = Self.fixedKeys.contains(key) ? "metadata." + key : key
                line += ",\(Self.quoted(name)):\(Self.quoted(value))"
            }
            return line + "}\n"
        }
    }

    private static let fixedKeys: Set<String> = ["timestamp", "level", "label", "message"]

    /// ISO 8601 in UTC with milliseconds.
    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// A JSON string (RFC 8259): quotes, backslashes and control characters escaped; everything else,
    /// non-ASCII included, as it is (UTF-8).
    static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
