import ClusterHarness
import Foundation
import HTTPTransport
import ObjectStorage
import Testing

/// ``S3ObjectStore`` against moto checking signatures (one server for the suite): whole files both
/// ways, conditional create, listings across pages, keys S3 must encode, a wrong secret, the orphan
/// sweep. Each test works under a prefix of its own.
@Suite(.serialized, .motoServer) struct S3ObjectStoreTests {
    let moto: MotoServer
    let store: S3ObjectStore
    let prefix = "t-\(UUID().uuidString.prefix(8))/"
    let folder: URL

    init() throws {
        moto = try #require(MotoServer.current)
        store = S3ObjectStore(settings: moto.settings())
        folder = FileManager.default.temporaryDirectory.appending(path: "s3-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: folder) }

    /// `size` bytes that are not all alike.
    func file(_ name: String, size: Int) throws -> URL {
        let url = folder.appending(path: name)
        var bytes = [UInt8](repeating: 0, count: size)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for index in bytes.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes[index] = UInt8(truncatingIfNeeded: state >> 33)
        }
        try Data(bytes).write(to: url)
        return url
    }

    @Test func aMultiMegabyteFileMakesTheRoundTripWhole() async throws {
        defer { cleanUp() }
        let source = try file("video.mp4", size: 12 * 1_048_576)
        let key = prefix + "renders/1/1-token/video.mp4"
        let started = ContinuousClock.now
        let put = try await store.put(key: key, file: source, contentType: "video/mp4", ifAbsent: false)
        let uploaded = ContinuousClock.now
        let target = folder.appending(path: "back.mp4")
        let info = try await store.get(key: key, to: target)
        let downloaded = ContinuousClock.now
        print("12 MiB round trip: PUT \(uploaded - started), GET \(downloaded - uploaded)")

        #expect(try FileDigest.sha256(of: target) == (try FileDigest.sha256(of: source)))
        #expect(info.size == 12 * 1_048_576)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["back.mp4", "video.mp4"], "no .part left")
        let head = try #require(try await store.head(key: key))
        #expect(head.size == 12 * 1_048_576)
        #expect(put == .stored(etag: head.etag))
        #expect(head.etag?.count == 32, "a single PUT's ETag is its MD5")
        #expect(abs(head.lastModified.timeIntervalSinceNow) < 120)

        try await store.delete(key: key)
        #expect(try await store.head(key: key) == nil)
        try await store.delete(key: key)
        let error = await #expect(throws: ObjectStoreError.self) { try await store.get(key: key, to: folder.appending(path: "gone.mp4")) }
        #expect(error?.kind == .notFound)
        #expect(error?.code == "NoSuchKey")
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "gone.mp4").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "gone.mp4.part").path))
    }

    @Test func ifAbsentLeavesAnExistingObjectAlone() async throws {
        defer { cleanUp() }
        let key = prefix + "inputs/sha256-of-the-bundle"
        #expect(try await store.put(key: key, data: Data("first".utf8), contentType: "application/json", ifAbsent: true) != .alreadyExists)
        #expect(try await store.put(key: key, data: Data("second".utf8), contentType: "application/json", ifAbsent: true) == .alreadyExists)
        let source = try file("bundle.tar", size: 2 * 1_048_576)
        #expect(try await store.put(key: key, file: source, contentType: "application/x-tar", ifAbsent: true) == .alreadyExists)
        #expect(try await store.data(key: key) == Data("first".utf8))
        // Without it, a put replaces the object whole.
        _ = try await store.put(key: key, data: Data("third".utf8), contentType: "application/json", ifAbsent: false)
        #expect(try await store.data(key: key) == Data("third".utf8))
    }

    @Test func aListingFollowsItsContinuationTokensToTheEnd() async throws {
        defer { cleanUp() }
        let keys = (0..<23).map { prefix + "renders/\(String(format: "%03d", $0))" }
        for key in keys { _ = try await store.put(key: key, data: Data(key.utf8)) }
        _ = try await store.put(key: prefix + "rendersX", data: Data("beside the prefix".utf8))
        let paged = S3ObjectStore(settings: moto.settings(), pageSize: 5)
        let listed = try await paged.list(prefix: prefix + "renders/")
        #expect(listed.map(\.key) == keys)
        #expect(listed.allSatisfy { $0.size == Int64($0.key.utf8.count) })
        #expect(try await store.list(prefix: prefix + "renders/").map(\.key) == keys)
        #expect(try await store.list(prefix: prefix + "none/").isEmpty)
        // A store that never ends its listing is given up after maxPages.
        let bounded = S3ObjectStore(settings: moto.settings(), pageSize: 5, maxPages: 2)
        let error = await #expect(throws: ObjectStoreError.self) { try await bounded.list(prefix: prefix + "renders/") }
        #expect(error?.kind == .badResponse)
    }

    @Test func keysWithSpacesAndUnicodeAreStoredAsGiven() async throws {
        defer { cleanUp() }
        let keys = [prefix + "renders/a b/été 日本語 +!~*'().mp4", prefix + "renders/a b/%41 & = ?#[]@$,;:"]
        for key in keys {
            _ = try await store.put(key: key, data: Data(key.utf8), contentType: "text/plain", ifAbsent: true)
            #expect(try await store.data(key: key) == Data(key.utf8))
            #expect(try await store.head(key: key)?.size == Int64(key.utf8.count))
        }
        #expect(Set(try await store.list(prefix: prefix + "renders/a b/").map(\.key)) == Set(keys))
        let target = folder.appending(path: "é 1.txt")
        try await store.get(key: keys[0], to: target)
        #expect(try Data(contentsOf: target) == Data(keys[0].utf8))
        for key in keys { try await store.delete(key: key) }
        #expect(try await store.list(prefix: prefix).isEmpty)
    }

    @Test func aWrongSecretIsAClear403WithoutTheSecret() async throws {
        defer { cleanUp() }
        let wrong = "wrong/Secret+Value-\(UUID().uuidString)"
        let refused = S3ObjectStore(settings: moto.settings(secret: wrong))
        let key = prefix + "renders/x.mp4"
        let errors = [
            await #expect(throws: ObjectStoreError.self) { try await refused.put(key: key, data: Data("x".utf8)) },
            await #expect(throws: ObjectStoreError.self) { try await refused.list(prefix: prefix) },
            await #expect(throws: ObjectStoreError.self) { try await refused.head(key: key) },
        ]
        for case let error? in errors {
            #expect(error.kind == .accessDenied)
            #expect(error.status == 403)
            #expect(!error.isRetryable)
            for text in [error.message, "\(error)", String(reflecting: error)] {
                #expect(!text.contains(wrong) && !text.contains(moto.secretAccessKey))
            }
        }
        #expect(errors[0]?.code == "SignatureDoesNotMatch")
        #expect(errors[0]?.message.contains("S3 PUT s3://\(moto.bucket)/\(key): 403 SignatureDoesNotMatch: The request signature") == true)
        #expect(errors[0]?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
        // Nor does the secret appear in a description or a dump of the settings.
        var dumped = ""
        dump(moto.settings(secret: wrong), to: &dumped)
        for text in [dumped, "\(moto.settings(secret: wrong))", String(reflecting: moto.settings(secret: wrong).signing!)] {
            #expect(!text.contains(wrong), "\(text)")
        }
        #expect(try await store.head(key: key) == nil, "the refused PUT stored nothing")
        // Nor in moto's log of the requests.
        let log = try String(contentsOf: moto.log, encoding: .utf8)
        #expect(log.contains("PUT /\(moto.bucket)/") && !log.contains(wrong) && !log.contains(moto.secretAccessKey))
    }

    @Test func aCancelledUploadLeavesNoPartOfTheObject() async throws {
        defer { cleanUp() }
        let size = 48 * 1_048_576
        let source = try file("big.mp4", size: size)
        let key = prefix + "renders/cancelled.mp4"
        let upload = Task { try await store.put(key: key, file: source, contentType: "video/mp4", ifAbsent: false) }
        try await Task.sleep(for: .milliseconds(150))
        let cancelled = ContinuousClock.now
        upload.cancel()
        let result = await upload.result
        let stopped = ContinuousClock.now - cancelled
        #expect(stopped < .seconds(1), "the transfer was aborted in \(stopped)")
        if case .failure(let error) = result { #expect(error is CancellationError, "\(error)") }
        // Whatever moto had received by then, it stores the whole object (a body sent to the end before
        // the cancel came) or none of it; give it a moment to finish what it was doing.
        try await Task.sleep(for: .milliseconds(500))
        let head = try await store.head(key: key)
        #expect(head == nil || head?.size == Int64(size), "never a part: \(String(describing: head))")
        print("cancelled upload: \(result) after \(stopped); then \(head.map { "\($0.size) bytes stored" } ?? "nothing stored")")
    }

    @Test func theSweepDeletesOldAttemptsNoJobKeeps() async throws {
        defer { cleanUp() }
        let renders = prefix + "renders/"
        let committed = renders + "7/2-bbb/video.mp4"
        for key in [renders + "7/1-aaa/video.mp4", committed, renders + "8/1-ccc/video.mp4", prefix + "inputs/abc"] {
            _ = try await store.put(key: key, data: Data(key.utf8))
        }
        // Now, everything is younger than a day.
        let none = try await store.sweepOrphans(prefix: renders, olderThan: .seconds(86_400), keep: [committed])
        #expect(none.deleted.isEmpty && none.young == 2 && none.kept == 1)
        // Two days on, the attempts no job points to go; the committed one and other prefixes stay.
        let later = try await store.sweepOrphans(prefix: renders, olderThan: .seconds(86_400), keep: [committed],
                                                 now: Date().addingTimeInterval(2 * 86_400))
        #expect(later.deleted == [renders + "7/1-aaa/video.mp4", renders + "8/1-ccc/video.mp4"])
        #expect(try await store.list(prefix: prefix).map(\.key) == [prefix + "inputs/abc", committed])
    }
}
