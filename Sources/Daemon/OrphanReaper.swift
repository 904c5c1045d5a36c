import Foundation
import Logging
import Media
import Spool
#if canImport(Glibc)
import Glibc
#endif

/// Stops the ffmpeg and ffprobe processes a killed daemon left behind. `kill -9` of the daemon does not
/// reach its children: an orphaned encoder keeps writing into the job folder while the restarted daemon
/// renders the same job again beside it. Any such tool whose arguments name a path under `running/` of
/// this spool is killed, before the jobs there are queued again.
enum OrphanReaper {
    static func reap(layout: SpoolLayout, logger: Logger) {
        let running = layout.folder(.running).path
        let marker = running.hasSuffix("/") ? running : running + "/"
        let tools = ToolLocator.programNames
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
