import Foundation
import JobIndex
import SpoolHarness
import Testing
#if canImport(Glibc)
import Glibc
#endif

extension FaultTests {
    /// Issue 7, acceptance 1: nightly batches under one name are the main use, and a kill during the
    /// split of the second night's batch used to lose most of its lines (recovery worked the plain ids
    /// out again and found the first night's jobs under them).
    @Suite("a recurring batch killed mid-split", .serialized)
    struct RecurringBatch {
        static let lines = 300
        static let nights = 3

        static func batch(night: Int) -> String {
            (1...lines).map { quickProjectLine("night \(night) line \($0)") }.joined(separator: "\n") + "\n"
        }

        @Test("the same batch name three nights running, kill -9 five times during the second and third splits: every line of every night is exactly one job, its line number in its source",
              .timeLimit(.minutes(4)))
        func threeNightsFiveKills() async throws {
            let harness = try FaultHarness()
            defer { harness.cleanUp() }
            // Paused: only claims happen, so the kills land in the splits (and their recovery).
            try Data().write(to: harness.spool.appending(path: "PAUSE"))
            var daemon = try harness.startDaemon(["--settle", "0.5"])
            defer { FaultHarness.stop(daemon) }
            func published() -> Int { harness.jobs(in: "queued").count + harness.jobs(in: "failed").count }

            // Kills per night after the first, at these numbers of lines published: past the first chunk
            // of 50 and inside later ones, so each lands while lines are still being published.
            let killPoints = [1: [], 2: [40, 130, 220], 3: [70, 190]]
            var killedAt: [String] = []
            for night in 1...Self.nights {
                let before = published()
                try harness.dropByRename("nightly.jsonl", Data(Self.batch(night: night).utf8))
                for point in killPoints[night] ?? [] {
                    let reached = await FaultHarness.waitUntil(timeout: 60, every: .milliseconds(2)) { published() >= before + point }
                    try #require(reached, "night \(night): \(published() - before) lines published; daemon log:\n\(harness.daemonLog())")
                    kill(daemon.processIdentifier, SIGSTOP)
                    let landed = published() - before
                    kill(daemon.processIdentifier, SIGKILL)
                    daemon.waitUntilExit()
                    killedAt.append("night \(night) at \(landed)/\(Self.lines)")
                    #expect(landed < Self.lines, "the kill at \(point) landed after night \(night)'s split had finished")
                    daemon = try harness.startDaemon(["--settle", "0.5"])
                }
                let complete = await FaultHarness.waitUntil(timeout: 60) {
                    published() >= before + Self.lines && !harness.entries("queued").contains { $0.hasPrefix(".") }
                }
                try #require(complete, "night \(night): \(published() - before) of \(Self.lines); daemon log:\n\(harness.daemonLog())")
            }
            print("recurring batch: killed \(killedAt.joined(separator: ", "))")

            // Every line of every night is exactly one job, holding that night's line, its line number in its source.
            var found: [String: Set<Int>] = [:]
            var problems: [String] = []
            for id in harness.jobs(in: "queued") + harness.jobs(in: "failed") {
                guard let status = harness.status(harness.jobs(in: "queued").contains(id) ? "queued" : "failed", id),
                      let source = status["source"] as? String,
                      let line = Int(source.split(separator: " ").last ?? ""),
                      let project = try? String(contentsOf: harness.folder("queued", id).appending(path: "project.json"), encoding: .utf8),
                      let range = project.range(of: #"night (\d+) line (\d+)"#, options: .regularExpression) else {
                    problems.append("\(id): unreadable")
                    continue
                }
                let words = project[range].split(separator: " ")
                let night = String(words[1]), projectLine = Int(words[3])
                if projectLine != line { problems.append("\(id): source says line \(line), the project is line \(projectLine ?? -1)") }
                if source != "nightly.jsonl line \(line)" { problems.append("\(id): source \(source)") }
                if found[night, default: []].insert(line).inserted == false { problems.append("\(id): night \(night) line \(line) twice") }
            }
            #expect(problems.isEmpty, "\(problems.prefix(20))")
            for night in 1...Self.nights {
                let lines = found[String(night)] ?? []
                #expect(lines == Set(1...Self.lines), "night \(night): \(lines.count) lines; missing \(Set(1...Self.lines).subtracting(lines).sorted().prefix(20))")
            }
            #expect(harness.jobs(in: "queued").count == Self.lines * Self.nights)
            for state in FaultHarness.stateFolders + ["inbox"] {
                #expect(!harness.entries(state).contains { $0.hasPrefix(".") }, "\(state)/ has staging entries")
            }
            // The index agrees with the folders.
            let index = try JobIndexDatabase.openReadOnly(path: harness.indexFile.path)
            var indexed: Set<String> = []
            _ = await FaultHarness.waitUntil(timeout: 10) {
                indexed = (try? index.allJobIDs()) ?? []
                return indexed.count == Self.lines * Self.nights
            }
            #expect(indexed == Set(harness.jobs(in: "queued")))
            try index.close()
        }
    }
}
