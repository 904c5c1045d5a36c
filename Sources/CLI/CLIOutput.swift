import Foundation
import JobIndex
import Spool

/// Small helpers every command prints and opens the index with.
enum CLIOutput {
    /// `tiktok-ai: MESSAGE` on stderr, so stdout stays clean for scripts.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("tiktok-ai: \(message)\n".utf8))
    }

    /// One JSON object on one line, keys sorted: the stable `--json` shape.
    static func json(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        print(String(decoding: data, as: UTF8.self))
    }
}

enum SpoolIndex {
    /// The spool's index for commands that write beside the daemon; nil when there is none yet (the
    /// folders stay the truth, and the daemon or `reindex` builds it).
    static func openForWriting(_ layout: SpoolLayout) -> JobIndexDatabase? {
        guard FileManager.default.fileExists(atPath: layout.indexFile.path) else { return nil }
        return try? JobIndexDatabase(path: layout.indexFile.path)
    }
}
