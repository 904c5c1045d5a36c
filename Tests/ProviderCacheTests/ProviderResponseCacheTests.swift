import Foundation
import HTTPTransport
import JobIndex
import Synchronization
import Testing
@testable import ProviderCache

@Suite("The provider cache: answers kept by their request, expired, evicted least recently used first")
struct ProviderResponseCacheTests {
    /// A cache in a fresh folder with its own index, and a clock the test moves.
    final class Clock: Sendable {
        private let date = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        func now() -> Date { date.withLock { $0 } }
        func advance(_ seconds: Double) { date.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    final class Fixture: Sendable {
        let folder = FileManager.default.temporaryDirectory.appending(path: "cache-\(UUID().uuidString.prefix(8))")
        let clock = Clock()
        let index: JobIndexDatabase

        init() throws {
            index = try JobIndexDatabase(path: folder.appending(path: "index.sqlite").path)
        }

        func cache(maxBytes: Int64 = 1 << 30, timeToLive: Duration? = nil) -> ProviderResponseCache {
            ProviderResponseCache(directory: folder.appending(path: "cache"), index: index, timeToLive: timeToLive,
                                  maxBytes: maxBytes, now: { [clock] in clock.now() })
        }

        func advance(_ seconds: Double) { clock.advance(seconds) }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    static let url = URL(string: "http://127.0.0.1:9/v1/audio/speech")!

    static func request(_ body: String, key: String = "sk-test") -> HTTPRequest {
        .postJSON(url, json: Data(body.utf8), headers: [HTTPHeader("Authorization", "Bearer \(key)")])
    }

    static func client(_ transport: ScriptedHTTPTransport, _ cache: ProviderResponseCache) -> ServiceClient {
        ServiceClient(service: "OpenAI speech", transport: transport, policy: RetryPolicy(maxAttempts: 1), cache: cache,
                      sleep: { _ in })
    }

    @Test("the same request is answered from the cache: the transport is not called again, the body is the same")
    func sameRequestIsAHit() async throws {
        let fixture = try Fixture()
        let transport = ScriptedHTTPTransport(fallback: .respond(HTTPResponse(
            status: 200, headers: [HTTPHeader("Content-Type", "audio/mpeg")], body: Data("mp3 bytes".utf8))))
        let client = Self.client(transport, fixture.cache())
        let first = try await client.send(Self.request(#"{"input": "Hello"}"#))
        #expect(!first.isFromCache)
        // A different key in the headers is the same request: keys are not part of the identity.
        let second = try await client.send(Self.request(#"{"input": "Hello"}"#, key: "sk-other"))
        #expect(second.isFromCache && second.body == Data("mp3 bytes".utf8) && second.header("Content-Type") == "audio/mpeg")
        #expect(transport.requests.count == 1)
        // Another body is another request.
        _ = try await client.send(Self.request(#"{"input": "Hello!"}"#))
        #expect(transport.requests.count == 2)
        let totals = try fixture.cache().totals()
        #expect(totals == [CacheTotals(service: "OpenAI speech", entries: 2, bytes: 18, hits: 1)])
        // No key in any file of the cache.
        for file in FileManager.default.enumerator(at: fixture.folder.appending(path: "cache"), includingPropertiesForKeys: nil)!.compactMap({ $0 as? URL }) {
            #expect((try? Data(contentsOf: file))?.range(of: Data("sk-".utf8)) == nil, "\(file.lastPathComponent)")
        }
    }

    @Test("an error answer is never kept")
    func errorsAreNotKept() async throws {
        let fixture = try Fixture()
        let transport = ScriptedHTTPTransport()
        transport.script(Self.url.path, .respond(HTTPResponse(status: 500)), .respond(HTTPResponse(status: 200, body: Data("ok".utf8))))
        let client = Self.client(transport, fixture.cache())
        await #expect(throws: ServiceError.self) { try await client.send(Self.request("{}")) }
        #expect(try await client.send(Self.request("{}")).body == Data("ok".utf8))
        #expect(try await client.send(Self.request("{}")).isFromCache)
        #expect(transport.requests.count == 2)
    }

    @Test("a download comes back as a complete copy at the new request's path")
    func downloadsAreCopied() async throws {
        let fixture = try Fixture()
        let cache = fixture.cache()
        try FileManager.default.createDirectory(at: fixture.folder.appending(path: "job1"), withIntermediateDirectories: true)
        let downloaded = fixture.folder.appending(path: "job1/image.png")
        try Data(repeating: 7, count: 5000).write(to: downloaded)
        let key = try #require(ResponseCacheKey.of(HTTPRequest(url: URL(string: "http://x/img.png")!), service: "Pexels"))
        await cache.store(HTTPResponse(status: 200, file: downloaded), for: key, service: "Pexels")
        let target = fixture.folder.appending(path: "job2/image.png")
        let hit = try #require(await cache.response(for: key, downloadTo: target))
        #expect(hit.file == target)
        #expect(try Data(contentsOf: target) == Data(repeating: 7, count: 5000))
        // Asked without a download path, a download is not a body.
        #expect(await cache.response(for: key, downloadTo: nil) == nil)
    }

    @Test("an upload is part of the identity by its content, not its path")
    func uploadsAreKeyedByContent() throws {
        let fixture = try Fixture()
        try FileManager.default.createDirectory(at: fixture.folder, withIntermediateDirectories: true)
        let a = fixture.folder.appending(path: "a.mp3"), b = fixture.folder.appending(path: "b.mp3")
        try Data("same audio".utf8).write(to: a)
        try Data("same audio".utf8).write(to: b)
        func key(_ file: URL) -> ResponseCacheKey? {
            ResponseCacheKey.of(HTTPRequest(method: "POST", url: Self.url, body: .multipart([
                MultipartPart(name: "model", text: "whisper-1"),
                MultipartPart(name: "file", file: file, filename: "speech.mp3", contentType: "audio/mpeg"),
            ])), service: "OpenAI transcription")
        }
        #expect(key(a) != nil && key(a) == key(b))
        try Data("other audio".utf8).write(to: b)
        #expect(key(a) != key(b))
        #expect(key(fixture.folder.appending(path: "missing.mp3")) == nil)
    }

    @Test("an entry past its time to live is a miss, and is removed")
    func entriesExpire() async throws {
        let fixture = try Fixture()
        let cache = fixture.cache(timeToLive: .seconds(3600))
        let key = try #require(ResponseCacheKey.of(Self.request("{}"), service: "OpenAI chat"))
        await cache.store(HTTPResponse(status: 200, body: Data("plan".utf8)), for: key, service: "OpenAI chat")
        fixture.advance(3599)
        #expect(await cache.response(for: key, downloadTo: nil) != nil)
        fixture.advance(2)
        #expect(await cache.response(for: key, downloadTo: nil) == nil)
        #expect(try cache.totals().isEmpty)
    }

    @Test("past the size cap, the least recently used entries go first; prune --all empties it")
    func leastRecentlyUsedIsEvicted() async throws {
        let fixture = try Fixture()
        let cache = fixture.cache(maxBytes: 2500)
        var keys: [ResponseCacheKey] = []
        for n in 0..<3 {
            let key = try #require(ResponseCacheKey.of(Self.request("{\"n\": \(n)}"), service: "OpenAI speech"))
            keys.append(key)
            await cache.store(HTTPResponse(status: 200, body: Data(repeating: UInt8(n), count: 1000)), for: key, service: "OpenAI speech")
            fixture.advance(1)
            // The first is used again before the third arrives: the second is the least recently used.
            if n == 1 { _ = await cache.response(for: keys[0], downloadTo: nil) }
        }
        #expect(await cache.response(for: keys[1], downloadTo: nil) == nil)
        #expect(await cache.response(for: keys[0], downloadTo: nil) != nil)
        #expect(await cache.response(for: keys[2], downloadTo: nil) != nil)
        #expect(try cache.totals().first?.bytes == 2000)
        let pruned = try cache.prune(everything: true)
        #expect(pruned.expired == 2 && pruned.bytesFreed == 2000)
        #expect(await cache.response(for: keys[0], downloadTo: nil) == nil)
    }

    @Test("a body cut short on disk is a miss, and is removed; files whose row was lost are adopted")
    func damagedEntriesAreMissesAndLostRowsAreAdopted() async throws {
        let fixture = try Fixture()
        let cache = fixture.cache()
        let key = try #require(ResponseCacheKey.of(Self.request("{}"), service: "OpenAI chat"))
        await cache.store(HTTPResponse(status: 200, body: Data("a whole plan".utf8)), for: key, service: "OpenAI chat")
        try fixture.index.deleteCacheEntries(keys: [key.hex])
        #expect(await cache.response(for: key, downloadTo: nil)?.body == Data("a whole plan".utf8))
        #expect(try fixture.index.cacheEntry(key: key.hex) != nil)

        let body = fixture.folder.appending(path: "cache/\(key.hex.prefix(2))/\(key.hex)")
        try Data("a whole".utf8).write(to: body)
        #expect(await cache.response(for: key, downloadTo: nil) == nil)
        #expect(!FileManager.default.fileExists(atPath: body.path))
        #expect(try fixture.index.cacheEntry(key: key.hex) == nil)
    }
}
