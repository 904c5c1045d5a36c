import Foundation
import GRDB
import JobDocuments
import Testing
@testable import JobIndex

@Suite("Querying the index")
struct QueryTests {
    /// Records 2 queued, 1 running, 3 done, 1 failed and 1 canceled job, created a minute apart
    /// in that order.
    private func populate(_ index: JobIndexDatabase) throws {
        let states: [JobState] = [.queued, .queued, .running, .done, .done, .done, .failed, .canceled]
        try index.recordMany(states.enumerated().map { offset, state in
            var status = queuedStatus(id: "job\(offset)", createdAt: referenceDate.addingTimeInterval(Double(offset) * 60))
            status.state = state
            return (status, state == .canceled ? "failed" : state.rawValue)
        })
    }

    @Test("counts() gives every state, zero included")
    func countsByState() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            #expect(try index.counts() == [.queued: 0, .running: 0, .done: 0, .failed: 0, .canceled: 0])
            try populate(index)
            #expect(try index.counts() == [.queued: 2, .running: 1, .done: 3, .failed: 1, .canceled: 1])
        }
    }

    @Test("Purged jobs leave counts and listings but stay known")
    func purgedExcluded() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try populate(index)
            #expect(try index.markPurged(id: "job3"))
            #expect(try index.markPurged(id: "job4"))
            #expect(try index.markPurged(id: "missing") == false)

            #expect(try index.counts()[.done] == 1)
            #expect(try index.jobs(state: .done).map(\.id) == ["job5"])
            #expect(try index.jobs(state: .done, includePurged: true).map(\.id) == ["job5", "job4", "job3"])
            #expect(try index.job(id: "job3")?.purged == true)
            #expect(try index.containsJob(id: "job3"))
            #expect(try index.allJobIDs().count == 8)
        }
    }

    @Test("jobs() lists newest first, filters by state and pages")
    func listing() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try populate(index)
            #expect(try index.jobs().map(\.id) == (0..<8).reversed().map { "job\($0)" })
            #expect(try index.jobs(state: .queued).map(\.id) == ["job1", "job0"])
            #expect(try index.jobs(state: .canceled).map(\.folder) == ["failed"])
            #expect(try index.jobs(limit: 3, offset: 2).map(\.id) == ["job5", "job4", "job3"])
            #expect(try index.jobs(limit: 0).isEmpty)
            #expect(try index.jobs(offset: 100).isEmpty)
        }
    }

    @Test("containsJob and allJobIDs")
    func membership() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try populate(index)
            #expect(try index.containsJob(id: "job7"))
            #expect(try index.containsJob(id: "job8") == false)
            #expect(try index.allJobIDs() == Set((0..<8).map { "job\($0)" }))
        }
    }

    @Test("delete removes the job, its steps, artifacts and events")
    func deleteCascades() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(fullStatus(id: "gone"), folder: "failed")
            try index.record(fullStatus(id: "kept"), folder: "failed")
            try index.appendEvent(jobID: "gone", kind: .init(rawValue: "claimed"), message: "from gone.json")
            try index.appendEvent(jobID: "kept", kind: .init(rawValue: "claimed"), message: "from kept.json")

            #expect(try index.delete(id: "gone"))
            #expect(try index.delete(id: "gone") == false)
            #expect(try index.job(id: "gone") == nil)
            let leftovers = try index.pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT DISTINCT jobId FROM steps UNION SELECT DISTINCT jobId FROM artifacts
                    UNION SELECT DISTINCT jobId FROM events
                    """)
            }
            #expect(leftovers == ["kept"])
        }
    }

    @Test("Events come back as the latest N, oldest first")
    func events() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            // Events may precede the job's first record.
            for n in 1...5 {
                try index.appendEvent(jobID: "j", kind: .init(rawValue: "step"), message: "step \(n)",
                                      at: referenceDate.addingTimeInterval(Double(n)))
            }
            try index.appendEvent(jobID: "other", kind: .init(rawValue: "claimed"), message: "x")

            let last3 = try index.events(jobID: "j", limit: 3)
            #expect(last3.map(\.message) == ["step 3", "step 4", "step 5"])
            #expect(last3.map(\.at) == [3, 4, 5].map { referenceDate.addingTimeInterval($0) })
            #expect(last3.allSatisfy { $0.jobID == "j" && $0.kind.rawValue == "step" })
            #expect(last3.map(\.id) == last3.map(\.id).sorted())
            #expect(try index.events(jobID: "j", limit: 100).count == 5)
            #expect(try index.events(jobID: "nobody", limit: 10).isEmpty)
        }
    }

    @Test("A corrupt statusJSON is reported, not crashed on")
    func undecodableStatus() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(queuedStatus(id: "bad"), folder: "queued")
            try index.pool.write { db in
                try db.execute(sql: "UPDATE jobs SET statusJSON = '{' WHERE id = 'bad'")
            }
            #expect {
                _ = try index.job(id: "bad")
            } throws: { error in
                guard case JobIndexError.undecodableStatus(jobID: "bad", reason: _) = error else { return false }
                return true
            }
        }
    }
}
