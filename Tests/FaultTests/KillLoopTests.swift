import Foundation
import SpoolHarness
import JobIndex
import JobDocuments
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultTests {
    /// Acceptance 1: pull the plug 30 times while a batch renders; every job still ends done exactly once.
    @Suite("kill -9 loop", .serialized)
    struct KillLoop {
        static let kills = 30

        @Test("30 kill -9 of the daemon while 6 projects render: each done exactly once, valid, nothing left behind, index agrees",
              .enabled(if: FaultEnvironment.hasFFmpeg, "needs ffmpeg and ffprobe"),
              .timeLimit(.minutes(5)))
        func killLoop() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            let ids = (1...6).map { "kill-\($0)" }
            for id in ids { try harness.dropByRename("\(id).json", quickProject("kill loop \(id)")) }

            // FAULT_SEED replays a schedule; the seed is printed so a failure can be reproduced.
            let seed = ProcessInfo.processInfo.environment["FAULT_SEED"].flatMap { UInt64($0) } ?? UInt64.random(in: 0...UInt64.max)
            var random = SplitMix64(seed: seed)
            print("kill loop: seed \(seed) (set FAULT_SEED=\(seed) to replay)")

            var monitor = OrphanMonitor(spool: harness.spool.path)
            var daemon = try harness.startDaemon(["--settle", "1"])
            var refused: [String] = []
            var killsDuringEncode = 0
            var killedAt: [String: Int] = [:]
            for round in 1...Self.kills {
                let until = Date().addingTimeInterval(Double.random(in: 0.3...2.5, using: &random))
                while Date() < until {
                    monitor.observe(daemon: daemon.processIdentifier)
                    try await Task.sleep(for: .milliseconds(100))
                }
                if !daemon.isRunning {
                    // A restart that exits by itself (e.g. 75: lock still held) is a defect of its own.
                    refused.append("round \(round): the daemon exited by itself with status \(daemon.terminationStatus)")
                }
                let children = monitor.observe(daemon: daemon.processIdentifier)
                if !children.isEmpty { killsDuringEncode += 1 }
                // Where the kill lands, for the record: the steps of the jobs in running/.
                let steps = harness.jobs(in: "running").compactMap { harness.status("running", $0)?["step"] as? String }
                killedAt[steps.isEmpty ? "no job running" : steps.sorted().joined(separator: "+"), default: 0] += 1
                kill(daemon.processIdentifier, SIGKILL)
                daemon.waitUntilExit()
                monitor.daemonKilled(children: children)
                daemon = try harness.startDaemon(["--settle", "1"])
            }
            print("kill loop: \(Self.kills) kills, \(killsDuringEncode) while the daemon had an ffmpeg child; steps hit: \(killedAt.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", "))")

            // Then let it finish, still watching for stale encoders.
            let finished = await FaultHarness.waitUntil(timeout: 150) {
                monitor.observe(daemon: daemon.processIdentifier)
                return ids.allSatisfy { harness.isFinished($0) }
            }
            #expect(finished, "not every job finished after the kill loop; daemon log:\n\(harness.daemonLog())")
            #expect(daemon.isRunning, "the daemon should still be serving")
            // Orphans of the last kills get a few seconds to end on their own.
            let orphansGone = await FaultHarness.waitUntil(timeout: 15) { ProcessTable.ffmpeg(mentioning: harness.spool.path).isEmpty }
            FaultHarness.stop(daemon)
            let leftovers = ProcessTable.ffmpeg(mentioning: harness.spool.path)
            #expect(orphansGone && leftovers.isEmpty,
                    "ffmpeg processes still running for this spool: \(leftovers.map { "\($0.pid) (parent \($0.parent)): \($0.commandLine)" })")
            for leftover in leftovers { kill(leftover.pid, SIGKILL) }

            #expect(refused.isEmpty, "\(refused)")
            print("kill loop: \(monitor.orphans.count) ffmpeg processes orphaned by the kills; longest outlived its daemon by \(String(format: "%.1f", monitor.longestOrphanLife)) s")
            // kill -9 does not reach the daemon's children: the restarted daemon must stop them before it
            // renders the same job again (else two encoders work on one job folder).
            #expect(monitor.overlaps.isEmpty, "a job was rendered again while the ffmpeg of its killed daemon was still running:\n\(monitor.overlaps.joined(separator: "\n"))")

            // Exactly once: the six ids in done/, nothing anywhere else, no staging folders, an empty inbox.
            #expect(harness.entries("done") == ids.sorted(), "done/ holds \(harness.entries("done"))")
            for state in ["queued", "running", "failed"] {
                #expect(harness.entries(state).isEmpty, "\(state)/ holds \(harness.entries(state))")
            }
            #expect(harness.entries("inbox").isEmpty, "inbox/ holds \(harness.entries("inbox"))")

            var attempts: [String: Int] = [:]
            for id in ids {
                let folder = harness.folder("done", id)
                let codecs = FaultHarness.codecs(folder.appending(path: "video.mp4"))
                #expect(codecs.contains("h264") && codecs.contains("aac"), "\(id): video.mp4 streams \(codecs)")
                #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "video.tmp.mp4").path), "\(id): temp video left")
                let status = harness.status("done", id)
                #expect(status?["state"] as? String == "done", "\(id): \(String(describing: status?["state"]))")
                attempts[id] = status?["attempt"] as? Int
            }
            print("kill loop: attempts per job \(attempts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")

            // The index agrees with the folders: same ids, state done, folder done, the same status document.
            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            #expect(try index.allJobIDs() == Set(ids))
            for id in ids {
                let job = try #require(try index.job(id: id), "\(id) is not in the index")
                #expect(job.state == .done && job.folder == "done" && !job.purged, "\(id): index says \(job.state) in \(job.folder), purged \(job.purged)")
                let file = try String(contentsOf: harness.folder("done", id).appending(path: "status.json"), encoding: .utf8)
                #expect(job.statusJSON == file.trimmingCharacters(in: .newlines), "\(id): the index's status differs from status.json")
            }
            try index.close()
            #expect(try harness.integrityCheck() == "ok")
        }
    }
}

/// Watches ffmpeg processes of one spool across daemon kills: which ones outlived their daemon, for how
/// long, and whether one was still encoding while a restarted daemon ran the same job again.
struct OrphanMonitor {
    struct Orphan {
        var job: String?
        var commandLine: String
        var orphanedAt: Date
        var lastSeen: Date
    }

    let spool: String
    private(set) var orphans: [Int32: Orphan] = [:]
    private(set) var overlaps: [String] = []
    private var reported: Set<Int32> = []

    init(spool: String) { self.spool = spool }

    /// The job an ffmpeg works for: the folder after `queued/`, `running/`, … in one of its paths.
    func job(of process: ProcessInfoEntry) -> String? {
        for argument in process.arguments {
            for state in FaultHarness.stateFolders {
                let prefix = "\(spool)/\(state)/"
                guard let range = argument.range(of: prefix) else { continue }
                return argument[range.upperBound...].split(separator: "/").first.map(String.init)
            }
        }
        return nil
    }

    /// Takes a snapshot; returns the live daemon's own ffmpeg children.
    @discardableResult
    mutating func observe(daemon: Int32) -> [ProcessInfoEntry] {
        let now = Date()
        let all = ProcessTable.ffmpeg(mentioning: spool)
        let own = all.filter { $0.parent == daemon }
        for process in all where process.parent != daemon {
            if orphans[process.pid] == nil {
                orphans[process.pid] = Orphan(job: job(of: process), commandLine: process.commandLine, orphanedAt: now, lastSeen: now)
            }
            orphans[process.pid]?.lastSeen = now
            guard let job = orphans[process.pid]?.job, !reported.contains(process.pid) else { continue }
            if let fresh = own.first(where: { self.job(of: $0) == job }) {
                reported.insert(process.pid)
                let age = now.timeIntervalSince(orphans[process.pid]!.orphanedAt)
                overlaps.append("job \(job): stale ffmpeg \(process.pid) (orphaned \(String(format: "%.1f", age)) s ago) still running beside the new daemon's ffmpeg \(fresh.pid)\n  stale: \(process.commandLine.suffix(300))\n  new:   \(fresh.commandLine.suffix(300))")
            }
        }
        return own
    }

    /// The daemon was just killed: its children are orphans from now on.
    mutating func daemonKilled(children: [ProcessInfoEntry]) {
        let now = Date()
        for child in children {
            orphans[child.pid] = Orphan(job: job(of: child), commandLine: child.commandLine, orphanedAt: now, lastSeen: now)
        }
    }

    var longestOrphanLife: TimeInterval {
        orphans.values.map { $0.lastSeen.timeIntervalSince($0.orphanedAt) }.max() ?? 0
    }
}
