import FileSafety
import Foundation

/// How the job-folder documents (`plan.json`, `timings.json`, `audio/speech.json`, `export.json`) are
/// written and read: readable JSON with sorted keys, written atomically so a reader never sees half
/// of one.
public enum JobDocument {
    /// Encodes `value` and writes it atomically to `url`. `durable: false` skips the fsyncs, for
    /// documents that are cheap to make again (a dry run's).
    public static func write<T: Encodable>(_ value: T, to url: URL, durable: Bool = true) throws {
        try AtomicFile.write(try encoder.encode(value) + Data("\n".utf8), to: url, durable: durable)
    }

    public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// `JSONEncoder` is safe to share once configured.
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
