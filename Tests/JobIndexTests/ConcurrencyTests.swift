import Foundation
import GRDB
import JobDocuments
import Testing
@testable import JobIndex

@Suite("A reader beside the writer")
struct ConcurrencyTests {
    @Test("Second connections read and write while the first writes, and see whole batches only")
    func readerBesideWriter() throws {
        try withTemporaryIndex { path in
            let daemon = try JobIndexDatabase(path: path)
            try daemon.record(queuedStatus(id: "seed"), folder: "queued")
            // As the CLI opens beside the daemon: one read-only, one read-write (e.g. `cancel`).
            let cli = try JobIndexDatabase.openReadOnly(path: path)
            let cliWriter = try JobIndexDatabase(path: path)

            let batches = 40, batchSize = 100
            let finished = DispatchSemaphore(value: 0)
            let writerError = Shared<(any Error)?>(nil)
            Thread.detachNewThread {
                do {
                    for batch in 0..<batches {
                        try daemon.recordMany((0..<batchSize).map { n in
                            (queuedStatus(id: "b\(batch)-\(n)"), "queued")
                        })
                    }
                } catch {
                    writerError.value = error
                }
                finished.signal()
            }

            var reads = 0, lastCount = 1, writerDone = false
            while !writerDone {
                writerDone = finished.wait(timeout: .now()) == .success
                let queued = try #require(try cli.counts()[.queued])
                // A batch is one transaction: a reader sees all of it or none of it.
                #expect((queued - 1) % batchSize == 0)
                #expect(queued >= lastCount)
                lastCount = queued
                #expect(try cli.job(id: "seed")?.state == .queued)
                try cliWriter.appendEvent(jobID: "seed", kind: .init(rawValue: "poll"), message: "read \(reads)")
                reads += 1
            }
            #expect(writerError.value == nil)
            #expect(try cli.counts()[.queued] == 1 + batches * batchSize)
            #expect(try cli.events(jobID: "seed", limit: 1_000_000).count == reads)
            print("JobIndex: reader made \(reads) reads beside \(batches) batch writes")
        }
    }

    @Test("Two processes creating the same new index at once both succeed")
    func simultaneousCreation() throws {
        try withTemporaryIndex { path in
            for attempt in 0..<20 {
                let racePath = path + ".\(attempt)"
                let results = Shared<[String]>([])
                let done = DispatchSemaphore(value: 0)
                for _ in 0..<2 {
                    Thread.detachNewThread {
                        let outcome: String
                        do { _ = try JobIndexDatabase(path: racePath); outcome = "opened" } catch { outcome = "\(error)" }
                        results.update { $0.append(outcome) }
                        done.signal()
                    }
                }
                done.wait()
                done.wait()
                #expect(results.value == ["opened", "opened"], "attempt \(attempt)")
                let reader = try JobIndexDatabase.openReadOnly(path: racePath)
                #expect(try reader.counts().values.reduce(0, +) == 0)
            }
        }
    }
}
