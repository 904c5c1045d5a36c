import Foundation
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The service files as systemd meets them: the unit accepted by `systemd-analyze verify`, `serve`
/// speaking the notify protocol to a socket that stands in for systemd, and `make install`.
@Suite("systemd: the unit, the notify protocol, make install", .serialized)
struct ServiceFileTests {
    static let analyze = "/usr/bin/systemd-analyze"

    @Test("systemd-analyze verify accepts dist/tiktok-ai.service (ExecStart pointed at the built binary)")
    func unitVerifies() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.analyze), "systemd-analyze is missing: `make deps` installs systemd")
        // verify checks that ExecStart exists, so a copy names this build instead of /usr/local/bin; and
        // that man:tiktok-ai(1) resolves, which it does only once installed (the `make install` test checks that).
        let folder = FileManager.default.temporaryDirectory.appending(path: "unit-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let unit = try String(contentsOf: CLIHarness.packageRoot.appending(path: "dist/tiktok-ai.service"), encoding: .utf8)
        for line in ["Type=notify", "NotifyAccess=main", "WatchdogSec=30", "Restart=on-failure", "ProtectSystem=strict",
                     "ExecStart=/usr/local/bin/tiktok-ai serve --spool /var/lib/tiktok-ai/spool"] {
            #expect(unit.split(separator: "\n").contains(Substring(line)), "\(line)")
        }
        let copy = folder.appending(path: "tiktok-ai.service")
        try unit.replacingOccurrences(of: "/usr/local/bin/tiktok-ai", with: CLIHarness.binary.path).write(to: copy, atomically: true, encoding: .utf8)
        let verified = try Command.run(Self.analyze, ["verify", "--man=no", copy.path], timeout: 60)
        #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified.stderr)")
    }

    @Test("serve with NOTIFY_SOCKET: READY=1 once the inbox is watched, WATCHDOG=1 every 200 ms, STOPPING=1 on SIGTERM")
    func notifyProtocol() async throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        // Paused, so the job dropped below is claimed but not rendered.
        _ = FileManager.default.createFile(atPath: harness.spool.appending(path: "PAUSE").path, contents: nil)
        let listener = try NotifyListener(name: harness.spool.appending(path: "notify.sock").path)
        var environment = CLIHarness.dryRun
        environment["NOTIFY_SOCKET"] = listener.name
        environment["WATCHDOG_USEC"] = "400000"
        // Empty is unset: a WATCHDOG_PID from whatever runs the tests must not turn the watchdog off.
        environment["WATCHDOG_PID"] = ""
        // No rescan for an hour: only the watch (or the intake's first scan) can see the drop below.
        let daemon = try harness.startDaemon(["--settle", "0.2", "--rescan", "3600"], environment: environment)
        defer { Self.stop(daemon) }

        let untilReady = try #require(await listener.messages(until: "READY=1", within: .seconds(30)),
                                      "no READY=1; daemon log:\n\(harness.daemonLog())")
        let ready = try #require(untilReady.last)
        #expect(ready.text.contains("STATUS=watching \(harness.inbox.path)"), "\(ready.text)")
        try harness.dropByRename("after-ready.json", quickProject("after ready"))
        let claimed = await CLIHarness.waitUntil(timeout: 5) {
            FileManager.default.fileExists(atPath: harness.folder("queued", "after-ready").appending(path: "status.json").path)
        }
        #expect(claimed, "a file dropped right after READY=1 was not claimed; daemon log:\n\(harness.daemonLog())")

        var pings: [ContinuousClock.Instant] = []
        let deadline = ContinuousClock.now.advanced(by: .seconds(4))
        while pings.count < 5, ContinuousClock.now < deadline {
            guard let message = await listener.next(within: ContinuousClock.now.duration(to: deadline)) else { break }
            if message.text == "WATCHDOG=1" { pings.append(message.at) }
        }
        #expect(pings.count >= 3, "\(pings.count) WATCHDOG=1 in 4 s")
        let gaps = zip(pings, pings.dropFirst()).map { $0.duration(to: $1) }
        // Stamped when read (polled every 5 ms), so one late read shortens the next gap: the mean is
        // the interval, and no gap may be long enough to let systemd's watchdog fire.
        if let first = pings.first, let last = pings.last, pings.count > 1 {
            let mean = first.duration(to: last) / (pings.count - 1)
            #expect(mean > .milliseconds(150) && mean < .milliseconds(300), "pings every \(mean) on average: \(gaps)")
        }
        for gap in gaps { #expect(gap < .milliseconds(400), "a ping \(gap) after the previous one") }

        kill(daemon.processIdentifier, SIGTERM)
        let untilStopping = await listener.messages(until: "STOPPING=1", within: .seconds(10))
        #expect(untilStopping?.last?.text.hasPrefix("STOPPING=1\nSTATUS=") == true, "no STOPPING=1; daemon log:\n\(harness.daemonLog())")
    }

    @Test("make install PREFIX=… BIN=…: binary, unit, sysusers entry, man page and completions; the installed unit verifies; DESTDIR stages")
    func makeInstall() throws {
        let root = CLIHarness.packageRoot
        let tool = root.appending(path: ".build/debug/generate-manual")
        try #require(FileManager.default.isExecutableFile(atPath: tool.path),
                     "build the man page tool first: `swift build --product generate-manual` (make test does)")
        let prefix = FileManager.default.temporaryDirectory.appending(path: "install-\(UUID().uuidString.prefix(8))/usr/local")
        defer { try? FileManager.default.removeItem(at: prefix.deletingLastPathComponent().deletingLastPathComponent()) }
        // BIN= installs this build rather than building a release one; nothing here runs swift.
        let installed = try Command.run("/usr/bin/make", ["-C", root.path, "install", "PREFIX=\(prefix.path)", "BIN=\(CLIHarness.binary.path)"],
                                        timeout: 300)
        #expect(installed.status == 0, "\(installed.stdout)\n\(installed.stderr)")
        let binary = prefix.appending(path: "bin/tiktok-ai")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path))
        let unit = prefix.appending(path: "lib/systemd/system/tiktok-ai.service")
        let unitText = (try? String(contentsOf: unit, encoding: .utf8)) ?? ""
        #expect(unitText.contains("ExecStart=\(binary.path) serve --spool /var/lib/tiktok-ai/spool"), "ExecStart names the installed binary")
        #expect(FileManager.default.fileExists(atPath: prefix.appending(path: "lib/sysusers.d/tiktok-ai.conf").path))
        let manual = (try? String(contentsOf: prefix.appending(path: "share/man/man1/tiktok-ai.1"), encoding: .utf8)) ?? ""
        #expect(manual.contains(".Nm tiktok-ai") && manual.contains("serve"), "man page: \(manual.prefix(200))")
        for path in ["share/bash-completion/completions/tiktok-ai", "share/zsh/site-functions/_tiktok-ai",
                     "share/fish/vendor_completions.d/tiktok-ai.fish"] {
            let script = (try? String(contentsOf: prefix.appending(path: path), encoding: .utf8)) ?? ""
            #expect(!script.isEmpty && script.contains("serve"), "\(path)")
        }
        // The installed unit as it is: its ExecStart exists, and man:tiktok-ai(1) resolves through MANPATH.
        if FileManager.default.isExecutableFile(atPath: Self.analyze) {
            let verified = try Command.run(Self.analyze, ["verify", unit.path],
                                           environment: ["MANPATH": prefix.appending(path: "share/man").path], timeout: 60)
            #expect(verified.status == 0 && verified.stderr.isEmpty, "\(verified.stderr)")
        }

        // DESTDIR stages the same tree for a package; the unit keeps naming the real PREFIX.
        let stage = prefix.deletingLastPathComponent().deletingLastPathComponent().appending(path: "stage")
        let staged = try Command.run("/usr/bin/make", ["-C", root.path, "install", "DESTDIR=\(stage.path)", "BIN=\(CLIHarness.binary.path)"],
                                     timeout: 300)
        #expect(staged.status == 0, "\(staged.stdout)\n\(staged.stderr)")
        #expect(FileManager.default.isExecutableFile(atPath: stage.appending(path: "usr/local/bin/tiktok-ai").path))
        let stagedUnit = (try? String(contentsOf: stage.appending(path: "usr/local/lib/systemd/system/tiktok-ai.service"), encoding: .utf8)) ?? ""
        #expect(stagedUnit.contains("ExecStart=/usr/local/bin/tiktok-ai serve"))
        #expect(FileManager.default.fileExists(atPath: stage.appending(path: "usr/local/share/man/man1/tiktok-ai.1").path))
    }

    /// SIGTERM, then SIGKILL if it has not ended within 15 s; waits for it either way.
    static func stop(_ process: Process) {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
