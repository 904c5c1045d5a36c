import FileSafety
import Foundation
import JobIndex
import Media
import Providers
import Settings
import Spool
#if canImport(Glibc)
import Glibc
#endif

/// `doctor`: everything a render needs, checked on this machine and this spool — every provider's
/// readiness, the caption font, the spool's folders, the index, inotify, free disk, the daemon — and
/// the effective settings with where each came from. Each check that is not ok says what is wrong
/// (`detail`) and the command that fixes it (`fix`), as the runbook's troubleshooting table does.
public struct Doctor: Sendable {
    public enum Verdict: String, Sendable, Codable {
        case ok, warn, fail
    }

    public struct Check: Sendable, Codable, Equatable {
        public var name: String
        public var verdict: Verdict
        public var detail: String
        /// The command that fixes it, for a check that is not ok.
        public var fix: String?

        public init(name: String, verdict: Verdict, detail: String, fix: String? = nil) {
            self.name = name
            self.verdict = verdict
            self.detail = detail
            self.fix = verdict == .ok ? nil : fix
        }
    }

    /// What `doctor --json` prints.
    public struct Report: Sendable, Codable {
        public var ok: Bool
        public var checks: [Check]
        public var settings: [Settings.EffectiveSetting]
    }

    public let layout: SpoolLayout
    public let settings: Settings
    /// The providers this build would use, by step: their readiness checks.
    public let providers: [(step: String, provider: any Provider)]

    public init(layout: SpoolLayout, settings: Settings, providers: [(step: String, provider: any Provider)]) {
        self.layout = layout
        self.settings = settings
        self.providers = providers
    }

    /// Each remote service: configured (and for what), or not, with the variable that would turn it on.
    /// Not configured is fine: offline providers serve those steps. Keys are never shown.
    func services() -> [Check] {
        let providers = settings.providers
        func openAI(_ name: String, _ service: ProviderSettings.OpenAIService, _ offline: String) -> Check {
            service.isConfigured
                ? Check(name: "service: \(name)", verdict: .ok,
                        detail: "\(service.model) at \(service.baseURL.absoluteString)" + (service.apiKey == nil ? ", no key" : ", key set"))
                : Check(name: "service: \(name)", verdict: .ok, detail: "not configured (set \(service.howToConfigure)); \(offline)")
        }
        let elevenLabs = providers.elevenLabsKey == nil
            ? Check(name: "service: elevenlabs", verdict: .ok, detail: "not configured (set ELEVENLABS_API_KEY)")
            : Check(name: "service: elevenlabs", verdict: .ok,
                    detail: "\(providers.elevenLabsModel) at \(providers.elevenLabsBaseURL.absoluteString), key set; it speaks in place of OpenAI speech")
        let pexels = providers.pexelsKey == nil
            ? Check(name: "service: pexels", verdict: .ok, detail: "not configured (set PEXELS_API_KEY)")
            : Check(name: "service: pexels", verdict: .ok,
                    detail: "\(providers.pexelsBaseURL.absoluteString), key set" + (providers.images.isConfigured
                        ? "; OpenAI images take the images step" : "; stock videos and photos for the scenes"))
        return [openAI("openai chat", providers.chat, "plans are written offline from templates"),
                openAI("openai speech", providers.speech, "espeak-ng speaks offline"),
                openAI("openai transcription", providers.transcription, "word times are estimated from the text when speech has none"),
                openAI("openai images", providers.images, "pictures are Pexels' when its key is set, else drawn offline"),
                elevenLabs, pexels]
    }

    public func run() async -> Report {
        var checks: [Check] = []
        for (step, provider) in providers {
            let readiness = await provider.readiness()
            checks.append(Check(name: "\(step): \(provider.name)", verdict: readiness.isReady ? .ok : .fail, detail: readiness.detail,
                                fix: Self.fixes[provider.name]))
        }
        checks += services()
        checks.append(ffprobe())
        checks.append(font())
        checks += spool()
        checks.append(index())
        checks.append(inotify())
        checks.append(disk())
        checks.append(daemon())
        return Report(ok: !checks.contains { $0.verdict == .fail }, checks: checks, settings: settings.effective)
    }

    /// ffprobe checks every finished video.
    private func ffprobe() -> Check {
        do {
            return Check(name: "ffprobe", verdict: .ok, detail: try ToolLocator.ffprobe())
        } catch {
            return Check(name: "ffprobe", verdict: .fail, detail: "\(error)", fix: "apt-get install ffmpeg (or set FFPROBE_PATH)")
        }
    }

    private func font() -> Check {
        let folder = settings.fontsDirectory
        let fonts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { name in [".otf", ".ttf"].contains { name.lowercased().hasSuffix($0) } }.sorted()
        guard !fonts.isEmpty else {
            return Check(name: "font", verdict: .fail, detail: "no .otf or .ttf font in \(folder.path)",
                         fix: "apt-get install fonts-league-spartan (or set FONTS_DIR)")
        }
        return Check(name: "font", verdict: .ok, detail: "\(folder.path): \(fonts.joined(separator: ", "))")
    }

    /// The spool's folders exist, are writable, and are on one filesystem (claims and state changes are renames).
    private func spool() -> [Check] {
        let folders = [layout.inbox] + SpoolLayout.StateFolder.allCases.map(layout.folder)
        var problems: [String] = []
        var devices = Set<UInt64>()
        for folder in folders {
            var info = stat()
            guard stat(folder.path, &info) == 0 else {
                problems.append("\(folder.path) is missing")
                continue
            }
            devices.insert(UInt64(info.st_dev))
            let probe = folder.appending(path: ".doctor-\(getpid())")
            if FileManager.default.createFile(atPath: probe.path, contents: Data("ok".utf8)) {
                try? FileManager.default.removeItem(at: probe)
            } else {
                problems.append("\(folder.path) is not writable")
            }
        }
        var checks = [Check(name: "spool", verdict: problems.isEmpty ? .ok : .fail,
                            detail: problems.isEmpty ? "\(layout.root.path): inbox and state folders writable" : problems.joined(separator: "; "),
                            fix: "mkdir -p \(layout.root.path) && chown -R \"$(id -un)\" \(layout.root.path) (the daemon creates the folders it may)")]
        if devices.count > 1 {
            checks.append(Check(name: "spool filesystem", verdict: .fail,
                                detail: "the spool's folders span \(devices.count) filesystems; claims and state changes need rename(2) within one",
                                fix: "put inbox/ and the state folders on one filesystem (no mount points inside the spool)"))
        }
        if layout.isPaused {
            checks.append(Check(name: "pause", verdict: .warn, detail: "\(layout.pauseFile.path) exists: no new job starts", fix: "tiktok-ai resume"))
        }
        return checks
    }

    private func index() -> Check {
        let path = layout.indexFile.path
        guard FileManager.default.fileExists(atPath: path) else {
            return Check(name: "index", verdict: .warn, detail: "no index at \(path) yet", fix: "tiktok-ai reindex (or start the daemon)")
        }
        do {
            let index = try JobIndexDatabase.openReadOnly(path: path)
            let report = try index.integrityCheck()
            guard report == "ok" else {
                return Check(name: "index", verdict: .fail, detail: "integrity_check: \(report)",
                             fix: "stop the daemon, mv \(path) \(path).damaged, tiktok-ai reindex")
            }
            let total = try index.counts().values.reduce(0, +)
            return Check(name: "index", verdict: .ok, detail: "\(path): integrity ok, \(total) jobs")
        } catch {
            return Check(name: "index", verdict: .fail, detail: "\(error)", fix: "stop the daemon, mv \(path) \(path).damaged, tiktok-ai reindex")
        }
    }

    /// The kernel's inotify limits; `--poll` works without inotify.
    private func inotify() -> Check {
        func value(_ name: String) -> Int? {
            (try? String(contentsOfFile: "/proc/sys/fs/inotify/\(name)", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        guard let watches = value("max_user_watches"), let instances = value("max_user_instances"), let queued = value("max_queued_events") else {
            return Check(name: "inotify", verdict: .warn, detail: "the inotify limits cannot be read", fix: "tiktok-ai serve --poll, if watching fails")
        }
        let detail = "max_user_watches \(watches), max_user_instances \(instances), max_queued_events \(queued)"
        if watches < 2 || instances < 1 {
            return Check(name: "inotify", verdict: .fail, detail: detail + ": too low to watch the spool",
                         fix: "sysctl fs.inotify.max_user_watches=524288 fs.inotify.max_user_instances=128 (or tiktok-ai serve --poll)")
        }
        if queued < 16384 || instances < 8 {
            return Check(name: "inotify", verdict: .warn, detail: detail + ": low; overflows are handled by rescans",
                         fix: "sysctl fs.inotify.max_queued_events=65536 fs.inotify.max_user_instances=128")
        }
        return Check(name: "inotify", verdict: .ok, detail: detail)
    }

    private func disk() -> Check {
        guard let free = DiskSpace.freeMegabytes(at: layout.root) else {
            return Check(name: "disk", verdict: .fail, detail: "cannot read the free space of \(layout.root.path)", fix: "df -h \(layout.root.path)")
        }
        let detail = "\(free) MB free on the spool's filesystem (MIN_FREE_DISK_MB \(settings.minFreeDiskMB))"
        return Check(name: "disk", verdict: free < settings.minFreeDiskMB ? .fail : .ok,
                     detail: free < settings.minFreeDiskMB ? detail + ": renders wait until space is freed" : detail,
                     fix: "tiktok-ai cleanup --older-than 30d (see what goes first with --dry-run)")
    }

    private func daemon() -> Check {
        if let pid = SpoolLock.holder(of: layout) {
            return Check(name: "daemon", verdict: .ok, detail: "serving this spool (pid \(pid))")
        }
        return Check(name: "daemon", verdict: .ok, detail: "not running (start it with `tiktok-ai serve`, or `systemctl start tiktok-ai`)")
    }

    /// What installs what an offline provider needs, by its name.
    static let fixes: [String: String] = [
        "espeak-ng": "apt-get install espeak-ng",
        "ffmpeg": "apt-get install ffmpeg (or set FFMPEG_PATH)",
        "painter": "apt-get install ffmpeg",
        "generated": "apt-get install ffmpeg",
        "project": "apt-get install ffmpeg",
        "library": "apt-get install ffmpeg",
        "template": "reinstall tiktok-ai (the packs are built in)",
        "openai": "check OPENAI_API_KEY and the base URL: tiktok-ai doctor --online",
        "elevenlabs": "check ELEVENLABS_API_KEY: tiktok-ai doctor --online",
        "pexels": "check PEXELS_API_KEY: tiktok-ai doctor --online",
        "whisper": "check OPENAI_TRANSCRIBE_BASE_URL or OPENAI_API_KEY: tiktok-ai doctor --online",
    ]
}
