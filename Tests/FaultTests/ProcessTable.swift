import Foundation
import SpoolHarness
#if canImport(Glibc)
import Glibc
#endif

/// A snapshot of live processes, read from /proc: how the tests find ffmpeg children a daemon left behind.
struct ProcessInfoEntry: Sendable, Hashable {
    var pid: Int32
    var parent: Int32
    var arguments: [String]

    var executableName: String { arguments.first.map { ($0 as NSString).lastPathComponent } ?? "" }
    var commandLine: String { arguments.joined(separator: " ") }
}

enum ProcessTable {
    /// Every live (not zombie) process with a command line.
    static func snapshot() -> [ProcessInfoEntry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var result: [ProcessInfoEntry] = []
        for name in names {
            guard let pid = Int32(name) else { continue }
            guard let (state, parent) = stateAndParent(pid), state != "Z", state != "X" else { continue }
            guard let raw = try? Data(contentsOf: URL(filePath: "/proc/\(pid)/cmdline")), !raw.isEmpty else { continue }
            let arguments = raw.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            result.append(ProcessInfoEntry(pid: pid, parent: parent, arguments: arguments.last == "" ? Array(arguments.dropLast()) : arguments))
        }
        return result
    }

    /// ffmpeg processes with an argument containing `fragment` (a spool path, a job folder).
    static func ffmpeg(mentioning fragment: String) -> [ProcessInfoEntry] {
        snapshot().filter { $0.executableName == "ffmpeg" && $0.arguments.contains { $0.contains(fragment) } }
    }

    /// The direct children of `pid`.
    static func children(of pid: Int32) -> [ProcessInfoEntry] {
        snapshot().filter { $0.parent == pid }
    }

    static func isAlive(_ pid: Int32) -> Bool {
        guard let (state, _) = stateAndParent(pid) else { return false }
        return state != "Z" && state != "X"
    }

    /// Peak resident memory (VmHWM) of a process in kB, or nil once it is gone.
    static func peakResidentKB(_ pid: Int32) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }

    /// `/proc/PID/stat` fields 3 and 4 (state, parent pid); the command name before them may hold spaces.
    private static func stateAndParent(_ pid: Int32) -> (String, Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count >= 2, let parent = Int32(fields[1]) else { return nil }
        return (String(fields[0]), parent)
    }
}
