import Foundation
import SpoolHarness
import JobIndex
import JobDocuments
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultTests {
    /// Acceptance 4: a 500-line `.jsonl` batch with 5 bad lines.
    @Suite("jsonl batch with bad lines", .serialized)
    struct Batch {
        /// The bad lines, by line number, and why each is bad.
        static let badLines: [Int: String] = [
            7: #"{"topic": "broken",, "niche": "science"}"#,                 // invalid JSON
            123: #"{"topic": "typo", "colour": "red"}"#,                      // unknown field
            250: #"{"topic": "wrong type", "targetSeconds": "sixty"}"#,       // wrong type
            377: #"{"topic": "no such pack", "niche": "cooking"}"#,           // unknown niche
            500: #"{"topic": "cut off at the end", "niche": "sci"#,           // truncated last line
        ]
        static let lineCount = 500

        static func id(_ line: Int) -> String { String(format: "batch-%04d", line) }

        @Test("500 lines, 5 bad: 495 jobs queued (and done with APP_RENDER_DRY_RUN=1), 5 failed whose message starts with their line number",
              .timeLimit(.minutes(4)))
        func batch() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            var text = ""
            for line in 1...Self.lineCount { text += (Self.badLines[line] ?? quickProjectLine("batch line \(line)")) + "\n" }
            let good = (1...Self.lineCount).filter { Self.badLines[$0] == nil }.map(Self.id)
            let bad = Self.badLines.keys.sorted().map(Self.id)

            // Claim side first, with the spool paused so nothing starts: every line becomes exactly one job.
            try Data().write(to: harness.spool.appending(path: "PAUSE"))
            let daemon = try harness.startDaemon(environment: ["APP_RENDER_DRY_RUN": "1"])
            defer { FaultHarness.stop(daemon) }
            let claimStarted = Date()
            try harness.dropByRename("batch.jsonl", Data(text.utf8))
            // Claimed: every line published, and the batch's split folder gone.
            let claimed = await FaultHarness.waitUntil(timeout: 90) {
                harness.jobs(in: "queued").count + harness.jobs(in: "failed").count >= Self.lineCount
                    && !harness.entries("queued").contains { $0.hasPrefix(".") }
            }
            let claimSeconds = Date().timeIntervalSince(claimStarted)
            #expect(claimed, "only \(harness.jobs(in: "queued").count) queued + \(harness.jobs(in: "failed").count) failed after 90 s; daemon log:\n\(harness.daemonLog())")
            print("batch: 500 lines claimed in \(String(format: "%.1f", claimSeconds)) s")
            #expect(harness.jobs(in: "queued") == good, "queued/ holds \(harness.jobs(in: "queued").count) jobs, expected the 495 good lines")
            #expect(harness.jobs(in: "failed") == bad, "failed/ holds \(harness.jobs(in: "failed"))")
            #expect(harness.entries("inbox").isEmpty, "inbox/ holds \(harness.entries("inbox"))")
            #expect(harness.entries("queued").allSatisfy { !$0.hasPrefix(".") }, "a staging folder was left in queued/")
            for line in Self.badLines.keys.sorted() {
                let status = harness.status("failed", Self.id(line))
                let message = FaultHarness.errorMessage(status) ?? ""
                #expect(message.hasPrefix("line \(line):"), "\(Self.id(line)): error.message \(message)")
                #expect(status?["source"] as? String == "batch.jsonl line \(line)")
                let kept = try? String(contentsOf: harness.folder("failed", Self.id(line)).appending(path: "project.json"), encoding: .utf8)
                #expect(kept?.trimmingCharacters(in: .newlines) == Self.badLines[line], "\(Self.id(line)): the bad line is kept as it was")
            }
            // The good lines are untouched by the bad ones: line 8 follows the invalid line 7.
            let neighbour = try? String(contentsOf: harness.folder("queued", Self.id(8)).appending(path: "project.json"), encoding: .utf8)
            #expect(neighbour?.trimmingCharacters(in: .newlines) == quickProjectLine("batch line 8"))
            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            // The index is written just after the folders: give it a moment.
            var counts: [JobState: Int] = [:]
            _ = await FaultHarness.waitUntil(timeout: 10) {
                counts = (try? index.counts()) ?? [:]
                return counts[.queued] == good.count && counts[.failed] == bad.count
            }
            #expect(counts[.queued] == good.count && counts[.failed] == bad.count, "index counts \(counts)")

            // Then unpause. Only a dry run can finish 495 jobs in time: find out whether this build has one.
            try FileManager.default.removeItem(at: harness.spool.appending(path: "PAUSE"))
            var firstDone: String?
            _ = await FaultHarness.waitUntil(timeout: 60) {
                firstDone = harness.jobs(in: "done").first
                return firstDone != nil
            }
            let first = try #require(firstDone, "no batch job finished within 60 s; daemon log:\n\(harness.daemonLog())")
            guard Self.isDryRun(harness.status("done", first)) else {
                // Real renders: 495 would take many minutes. Stop here; the claim side is what was checked.
                try Data().write(to: harness.spool.appending(path: "PAUSE"))
                print("batch: APP_RENDER_DRY_RUN=1 had no effect (job \(first) rendered for real); checked the claim side only")
                return
            }
            let finishStarted = Date()
            let finished = await FaultHarness.waitUntil(timeout: 150, every: .milliseconds(500)) {
                harness.jobs(in: "done").count + harness.jobs(in: "failed").count >= Self.lineCount
            }
            print("batch: 495 dry-run jobs finished in \(String(format: "%.1f", Date().timeIntervalSince(finishStarted))) s")
            #expect(finished, "\(harness.jobs(in: "done").count) done after 150 s; daemon log:\n\(harness.daemonLog())")
            #expect(harness.jobs(in: "done") == good)
            #expect(harness.jobs(in: "failed") == bad)
            for state in ["queued", "running"] { #expect(harness.entries(state).isEmpty, "\(state)/ holds \(harness.entries(state).count) entries") }
            var finalCounts: [JobState: Int] = [:]
            _ = await FaultHarness.waitUntil(timeout: 10) {
                finalCounts = (try? index.counts()) ?? [:]
                return finalCounts[.done] == good.count && finalCounts[.failed] == bad.count
            }
            #expect(finalCounts[.done] == good.count && finalCounts[.failed] == bad.count, "index counts \(finalCounts)")
            try index.close()
            #expect(daemon.isRunning)
        }

        @Test("kill -9 five times while the batch is being split: every line is still exactly one job",
              .timeLimit(.minutes(2)))
        func killDuringSplit() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            var text = ""
            for line in 1...Self.lineCount { text += (Self.badLines[line] ?? quickProjectLine("split line \(line)")) + "\n" }
            let expected = (1...Self.lineCount).map(Self.id)
            // Paused: only the claim side runs, so the kills land in the split.
            try Data().write(to: harness.spool.appending(path: "PAUSE"))
            var daemon = try harness.startDaemon(["--settle", "1"])
            defer { FaultHarness.stop(daemon) }
            try harness.dropByRename("batch.jsonl", Data(text.utf8))

            func claimedCount() -> Int { harness.jobs(in: "queued").count + harness.jobs(in: "failed").count }
            // Each kill lands once the daemon (or its recovery) has published a few more jobs.
            var killedAt: [Int] = []
            for _ in 1...5 {
                let base = claimedCount()
                guard base < Self.lineCount - 10,
                      await FaultHarness.waitUntil(timeout: 30, every: .milliseconds(10), { claimedCount() >= min(base + 40, Self.lineCount - 5) })
                else { break }
                killedAt.append(claimedCount())
                kill(daemon.processIdentifier, SIGKILL)
                daemon.waitUntilExit()
                daemon = try harness.startDaemon(["--settle", "1"])
            }
            print("batch split: killed with \(killedAt) of \(Self.lineCount) jobs published")
            #expect(killedAt.count >= 3 && killedAt.allSatisfy { $0 < Self.lineCount }, "the kills were to land mid-split: \(killedAt)")

            let claimed = await FaultHarness.waitUntil(timeout: 60) {
                claimedCount() >= Self.lineCount && !harness.entries("queued").contains { $0.hasPrefix(".") }
            }
            #expect(claimed, "daemon log:\n\(harness.daemonLog())")
            let all = (harness.jobs(in: "queued") + harness.jobs(in: "failed")).sorted()
            let extra = Set(all).subtracting(expected).sorted(), missing = Set(expected).subtracting(all).sorted()
            #expect(all.count == Self.lineCount && extra.isEmpty && missing.isEmpty,
                    "\(all.count) jobs; extra \(extra.prefix(20)), missing \(missing.prefix(20))")
            #expect(harness.jobs(in: "failed") == Self.badLines.keys.sorted().map(Self.id))
            for state in FaultHarness.stateFolders + ["inbox"] {
                #expect(!harness.entries(state).contains { $0.hasPrefix(".") }, "\(state)/ has staging entries \(harness.entries(state).filter { $0.hasPrefix(".") })")
            }
            #expect(harness.entries("inbox").isEmpty)
            // Each job holds its own line.
            for line in [1, 41, 141, 241, 341, 441, 499] where Self.badLines[line] == nil {
                let kept = try? String(contentsOf: harness.folder("queued", Self.id(line)).appending(path: "project.json"), encoding: .utf8)
                #expect(kept?.trimmingCharacters(in: .newlines) == quickProjectLine("split line \(line)"), "\(Self.id(line)) holds another line")
            }
            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            var indexed: Set<String> = []
            _ = await FaultHarness.waitUntil(timeout: 10) {
                indexed = (try? index.allJobIDs()) ?? []
                return indexed == Set(expected)
            }
            #expect(indexed == Set(expected), "index: \(indexed.count) ids; extra \(indexed.subtracting(expected).sorted().prefix(20)), missing \(Set(expected).subtracting(indexed).sorted().prefix(20))")
            try index.close()
        }

        /// A dry run writes placeholders: its render step takes no encoding time (a real 360x640 encode
        /// takes over a second here), or its status says so.
        static func isDryRun(_ status: [String: Any]?) -> Bool {
            let steps = status?["steps"] as? [[String: Any]] ?? []
            let render = steps.first { $0["name"] as? String == "render" }
            let providers = status?["providers"] as? [String: String] ?? [:]
            if providers.values.contains(where: { $0.localizedCaseInsensitiveContains("dry") }) { return true }
            guard let seconds = render?["seconds"] as? Double else { return false }
            return seconds < 0.3
        }
    }
}
