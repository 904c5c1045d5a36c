import Foundation
import GRDB
import JobDocuments
import Testing
@testable import JobIndex

@Suite("Performance with 10,000 jobs")
struct PerformanceTests {
    @Test("10,000 claims in one recordMany, then lookups as the CLI does them")
    func tenThousandJobs() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            let count = 10_000
            let claims = (0..<count).map { n in
                (queuedStatus(id: String(format: "job-%05d", n), createdAt: referenceDate.addingTimeInterval(Double(n)),
                              priority: n % 3), "queued")
            }
            let clock = ContinuousClock()
            let recordTime = try clock.measure { try index.recordMany(claims) }
            #expect(try index.counts()[.queued] == count)

            // Finished jobs carry steps and artifacts too: re-record 10,000 of them as done.
            let finished = (0..<count).map { n in
                var status = fullStatus(id: String(format: "job-%05d", n), state: .done,
                                        createdAt: referenceDate.addingTimeInterval(Double(n)))
                status.error = nil
                return (status, "done")
            }
            let fullRecordTime = try clock.measure { try index.recordMany(finished) }
            #expect(try index.counts()[.done] == count)

            // `tiktok-ai status JOB`: open read-only beside the writer, one lookup.
            let target = "job-07777"
            var cliJob: IndexedJob?
            let cliTime = try clock.measure {
                let cli = try JobIndexDatabase.openReadOnly(path: path)
                cliJob = try cli.job(id: target)
            }
            #expect(cliJob?.status == finished[7777].0)

            // Warm lookups on an open index.
            let lookups = 1_000
            let lookupTime = try clock.measure {
                for n in 0..<lookups {
                    _ = try index.job(id: String(format: "job-%05d", (n * 7919) % count))
                }
            }
            let countsTime = try clock.measure { _ = try index.counts() }
            let listTime = try clock.measure { _ = try index.jobs(state: .done, limit: 100) }

            let report = """
                JobIndex performance (debug build, \(count) jobs):
                  recordMany \(count) queued claims:            \(String(format: "%.0f", milliseconds(recordTime))) ms
                  recordMany \(count) done jobs (7 steps, 3 artifacts): \(String(format: "%.0f", milliseconds(fullRecordTime))) ms
                  openReadOnly + job(id:) (cold, as the CLI): \(String(format: "%.2f", milliseconds(cliTime))) ms
                  job(id:) warm, mean of \(lookups):            \(String(format: "%.3f", milliseconds(lookupTime) / Double(lookups))) ms
                  counts():                                   \(String(format: "%.2f", milliseconds(countsTime))) ms
                  jobs(state: .done, limit: 100):             \(String(format: "%.2f", milliseconds(listTime))) ms
                """
            print(report)
            // Generous bounds: the machine is shared with other test suites running in parallel.
            #expect(recordTime < .seconds(5))
            #expect(fullRecordTime < .seconds(15))
            #expect(cliTime < .milliseconds(50))
            #expect(lookupTime / lookups < .milliseconds(5))
        }
    }

    @Test("Listings and counts are served by indexes, without sorting or reading the wide rows")
    func queryPlans() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            func plan(_ sql: String) throws -> String {
                try index.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                        .joined(separator: "; ")
                }
            }
            let byState = try plan("""
                SELECT * FROM jobs WHERE state = 'done' AND purged = 0 ORDER BY createdAt DESC, id DESC LIMIT 100
                """)
            #expect(byState.contains("jobs_on_state_createdAt") && !byState.contains("TEMP B-TREE"), "\(byState)")
            let all = try plan("SELECT * FROM jobs WHERE purged = 0 ORDER BY createdAt DESC, id DESC LIMIT 100")
            #expect(all.contains("jobs_on_createdAt") && !all.contains("TEMP B-TREE"), "\(all)")
            let counts = try plan("SELECT state, COUNT(*) AS count FROM jobs WHERE purged = 0 GROUP BY state")
            #expect(counts.contains("COVERING INDEX jobs_live_on_state") || counts.contains("USING INDEX jobs_live_on_state"),
                    "\(counts)")
            let lookup = try plan("SELECT * FROM jobs WHERE id = 'x'")
            #expect(lookup.contains("sqlite_autoindex_jobs_1"), "\(lookup)")
        }
    }
}
