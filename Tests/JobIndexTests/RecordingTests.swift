import Foundation
import GRDB
import JobDocuments
import Testing
@testable import JobIndex

@Suite("Recording jobs")
struct RecordingTests {
    @Test("A full status survives record and job(id:) unchanged, columns included")
    func roundTrip() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            let status = fullStatus(id: "octopus-hearts")
            try index.record(status, folder: "failed")

            let job = try #require(try index.job(id: "octopus-hearts"))
            #expect(job.status == status)
            #expect(job.statusJSON == (try encoded(status)))
            #expect(job.id == "octopus-hearts")
            #expect(job.source == "batch.jsonl line 7")
            #expect(job.state == .failed)
            #expect(job.step == .render)
            #expect(job.progress == 72)
            #expect(job.attempt == 2)
            #expect(job.priority == 5)
            #expect(job.folder == "failed")
            #expect(job.createdAt == status.createdAt)
            #expect(job.updatedAt == status.updatedAt)
            #expect(job.startedAt == status.startedAt)
            #expect(job.finishedAt == status.finishedAt)
            #expect(job.errorStep == "render")
            #expect(job.errorMessage == "ffmpeg exited with status 1")
            #expect(job.errorRetryable == true)
            #expect(job.costUsd == 0.0425)
            #expect(job.purged == false)

            let (steps, artifacts) = try index.pool.read { db in
                (try Row.fetchAll(db, sql: "SELECT * FROM steps WHERE jobId = ? ORDER BY startedAt", arguments: ["octopus-hearts"]),
                 try Row.fetchAll(db, sql: "SELECT kind, path FROM artifacts WHERE jobId = ? ORDER BY kind", arguments: ["octopus-hearts"]))
            }
            #expect(steps.map { $0["name"] as String } == ["plan", "voice", "align", "images", "captions", "music", "render"])
            #expect(steps.first?["cached"] == true)
            #expect(steps.first?["seconds"] == 2.5)
            #expect(steps.last?["state"] == "failed")
            #expect(artifacts.map { "\($0["kind"] as String)=\($0["path"] as String)" }
                    == ["captions=captions.ass", "plan=plan.json", "video=video.mp4"])
        }
    }

    @Test("A job that was never recorded is nil")
    func unknownJob() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            #expect(try index.job(id: "nope") == nil)
            #expect(try index.containsJob(id: "nope") == false)
        }
    }

    @Test("Recording again replaces the row, its steps and its artifacts")
    func upsertReplacesSteps() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(fullStatus(id: "j1"), folder: "failed")
            try index.appendEvent(jobID: "j1", kind: .init(rawValue: "failed"), message: "render failed")

            // Retried from the voice step: fewer steps, no error, no artifacts but the plan.
            var retried = queuedStatus(id: "j1")
            retried.state = .running
            retried.step = .voice
            retried.attempt = 3
            retried.setRecord(.init(name: .plan, state: .done, seconds: 1, cached: true))
            retried.setRecord(.init(name: .voice, state: .running))
            retried.artifacts.plan = "plan.json"
            try index.record(retried, folder: "running")

            let job = try #require(try index.job(id: "j1"))
            #expect(job.status == retried)
            #expect(job.folder == "running")
            #expect(job.errorMessage == nil)
            #expect(job.errorRetryable == nil)
            let (steps, artifacts, jobRows) = try index.pool.read { db in
                (try String.fetchAll(db, sql: "SELECT name || ':' || state FROM steps WHERE jobId = 'j1' ORDER BY name"),
                 try String.fetchAll(db, sql: "SELECT kind FROM artifacts WHERE jobId = 'j1'"),
                 try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs") ?? -1)
            }
            #expect(steps == ["plan:done", "voice:running"])
            #expect(artifacts == ["plan"])
            #expect(jobRows == 1)
            // The upsert keeps the row, so nothing cascades and the event log is intact.
            #expect(try index.events(jobID: "j1", limit: 10).count == 1)
        }
    }

    @Test("recordMany writes a batch at once; a repeated id keeps its last status")
    func recordManyLastWins() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            var done = fullStatus(id: "b", state: .done)
            done.error = nil
            try index.recordMany([
                (queuedStatus(id: "a"), "queued"),
                (queuedStatus(id: "b"), "queued"),
                (done, "done"),
            ])
            #expect(try index.allJobIDs() == ["a", "b"])
            #expect(try index.job(id: "b")?.status == done)
            #expect(try index.job(id: "b")?.folder == "done")
            try index.recordMany([])
            #expect(try index.allJobIDs().count == 2)
        }
    }

    @Test("A large batch, encoded in parallel, keeps the last status of repeated ids")
    func largeBatchWithRepeats() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            var items = (0..<3000).map { n in (queuedStatus(id: "j\(n)"), "queued") }
            for n in stride(from: 0, to: 3000, by: 7) {
                var running = fullStatus(id: "j\(n)", state: .running)
                running.error = nil
                items.append((running, "running"))
            }
            try index.recordMany(items)
            #expect(try index.allJobIDs().count == 3000)
            #expect(try index.counts()[.running] == 429)
            #expect(try index.job(id: "j7")?.status.steps.count == 7)
            #expect(try index.job(id: "j8")?.status == queuedStatus(id: "j8"))
            let stepRows = try index.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM steps") }
            #expect(stepRows == 429 * 7)
        }
    }

    @Test("A failing batch leaves nothing behind")
    func recordManyIsAtomic() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(queuedStatus(id: "kept"), folder: "queued")
            // A trigger makes the third insert fail, as a full disk would.
            try index.pool.write { db in
                try db.execute(sql: """
                    CREATE TEMP TRIGGER fail_on_boom BEFORE INSERT ON jobs WHEN NEW.id = 'boom'
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END
                    """)
            }
            #expect(throws: DatabaseError.self) {
                try index.recordMany([(queuedStatus(id: "x"), "queued"), (queuedStatus(id: "y"), "queued"),
                                      (queuedStatus(id: "boom"), "queued")])
            }
            #expect(try index.allJobIDs() == ["kept"])
        }
    }

    @Test("Recording a purged job clears the purged mark")
    func recordClearsPurged() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(queuedStatus(id: "j"), folder: "queued")
            #expect(try index.markPurged(id: "j"))
            #expect(try index.job(id: "j")?.purged == true)
            try index.record(queuedStatus(id: "j"), folder: "queued")
            #expect(try index.job(id: "j")?.purged == false)
        }
    }
}
