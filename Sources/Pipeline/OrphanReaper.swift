import Foundation
import Logging
import Spool
#if canImport(Glibc)
import Glibc
#endif

/// Stops the ffmpeg and ffprobe processes a killed daemon left behind. `kill -9` of the daemon does not
/// reach its children: an orphaned encoder keeps writing into the job folder while the restarted daemon
/// renders the same job again beside it. At start, before jobs in `running/` are queued again, any
/// such tool whose arguments name a path under `running/` of this spool is killed.
enum OrphanReaper {
    static func reap(layout: SpoolLayout, environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger) {
        let marker = layout.running.path.hasSuffix("/") ? layout.running.path : layout.running.path + "/"
        var tools: Set<String> = ["ffmpeg", "ffprobe"]
        for key in ["FFMPEG_PATH", "FFPROBE_PATH"] {
            if let path = environment[key], let name = path.split(separator: "/").last { tools.insert(String(name)) }
        }
        let me = getpid()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = Int32(entry), pid != me,
                  let raw = try? Data(contentsOf: URL(filePath: "/proc/\(entry)/cmdline")), !raw.isEmpty else { continue }
            let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard let program = arguments.first?.split(separator: "/").last.map(String.init), tools.contains(program),
                  arguments.dropFirst().contains(where: { $0.contains(marker) }) else { continue }
            if kill(pid, SIGKILL) == 0 {
                logger.warning("stopped \(program) \(pid), left running by a daemon that was killed")
            }
        }
    }
}
