import Foundation
import GRDB
import JobDocuments
import Testing
@testable import JobIndex

@Suite("Opening the index")
struct OpeningTests {
    @Test("A new index is created in WAL mode with a busy timeout, foreign keys and schema v2")
    func configuration() throws {
        try withTemporaryIndex { path in
            let nested = (path as NSString).deletingLastPathComponent + "/spool/index.sqlite"
            let index = try JobIndexDatabase(path: nested)
            #expect(FileManager.default.fileExists(atPath: nested))
            #expect(index.isReadOnly == false)
            let (journal, timeout, foreignKeys, migrations, tables) = try index.pool.write { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                 try Int.fetchOne(db, sql: "PRAGMA busy_timeout"),
                 try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                 try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"),
                 try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type IN ('table', 'index')
                    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
                    """))
            }
            #expect(journal == "wal")
            #expect(timeout == 5000)
            #expect(foreignKeys == true)
            #expect(migrations == ["v1", "v2"])
            #expect(tables == ["artifacts", "cacheEntries", "cacheEntries_on_lastUsedAt", "events", "events_on_jobId", "jobs", "jobs_live_on_state",
                               "jobs_on_createdAt", "jobs_on_state_createdAt",
                               "jobs_on_state_priority_createdAt", "steps"])
            #expect(try index.integrityCheck() == "ok")
        }
    }

    @Test("Reopening keeps the data and does not migrate twice")
    func reopen() throws {
        try withTemporaryIndex { path in
            do {
                let index = try JobIndexDatabase(path: path)
                try index.record(fullStatus(id: "j"), folder: "failed")
                try index.close()
            }
            let again = try JobIndexDatabase(path: path)
            #expect(try again.job(id: "j")?.status == fullStatus(id: "j"))
        }
    }

    @Test("openReadOnly on a missing file is JobIndexError.missing, and creates nothing")
    func readOnlyMissing() throws {
        try withTemporaryIndex { path in
            #expect(throws: JobIndexError.missing(path)) {
                _ = try JobIndexDatabase.openReadOnly(path: path)
            }
            #expect(FileManager.default.fileExists(atPath: path) == false)
            #expect(JobIndexError.missing(path).description.contains(path))
        }
    }

    @Test("openReadOnly rejects files that are not a migrated index")
    func readOnlyIncompatible() throws {
        try withTemporaryIndex { path in
            try Data("this is not a database, just some text that is long enough".utf8)
                .write(to: URL(fileURLWithPath: path))
            #expect(throws: JobIndexError.self) { _ = try JobIndexDatabase.openReadOnly(path: path) }

            let emptyPath = path + ".empty"
            try DatabaseQueue(path: emptyPath).close()
            #expect {
                _ = try JobIndexDatabase.openReadOnly(path: emptyPath)
            } throws: { error in
                guard case JobIndexError.incompatibleSchema = error else { return false }
                return true
            }
        }
    }

    @Test("An index from a newer build is refused, read-only or not")
    func newerSchemaRefused() throws {
        try withTemporaryIndex { path in
            try JobIndexDatabase(path: path).pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            }
            #expect(throws: JobIndexError.self) { _ = try JobIndexDatabase(path: path) }
            #expect(throws: JobIndexError.self) { _ = try JobIndexDatabase.openReadOnly(path: path) }
        }
    }

    @Test("A read-only index reads, refuses writes, and works after the writer has closed")
    func readOnlyAfterWriterClosed() throws {
        try withTemporaryIndex { path in
            let writer = try JobIndexDatabase(path: path)
            try writer.record(fullStatus(id: "j"), folder: "failed")
            try writer.close()

            let reader = try JobIndexDatabase.openReadOnly(path: path)
            #expect(reader.isReadOnly)
            #expect(try reader.job(id: "j")?.status == fullStatus(id: "j"))
            #expect(try reader.counts()[.failed] == 1)
            #expect(try reader.integrityCheck() == "ok")
            #expect(throws: DatabaseError.self) { try reader.record(queuedStatus(id: "k"), folder: "queued") }
            #expect(throws: DatabaseError.self) { try reader.appendEvent(jobID: "j", kind: .init(rawValue: "x"), message: "y") }
        }
    }

    @Test("backup copies the whole index")
    func backup() throws {
        try withTemporaryIndex { path in
            let index = try JobIndexDatabase(path: path)
            try index.record(fullStatus(id: "j"), folder: "failed")
            try index.appendEvent(jobID: "j", kind: .init(rawValue: "failed"), message: "render")
            let copyPath = path + ".backup"
            try index.backup(to: copyPath)
            let copy = try JobIndexDatabase.openReadOnly(path: copyPath)
            #expect(try copy.job(id: "j")?.status == fullStatus(id: "j"))
            #expect(try copy.events(jobID: "j", limit: 5).map(\.message) == ["render"])
        }
    }
}
