import Foundation
import ObjectStorage
import Testing

/// Transfers that a server stops in the middle: a cancelled task gets `CancellationError` within a
/// second and leaves no file behind, and a server silent past the stall limit is a retryable error.
@Suite(.serialized) struct CancellationTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "s3-cancel-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func store(_ listener: LoopbackListener, stall: Duration = .seconds(30)) -> S3ObjectStore {
        var settings = ObjectStoreSettings(endpoint: listener.url, bucket: "tiktok-ai", accessKeyID: "AKIDEXAMPLE", secretAccessKey: "secret")
        settings.timeouts.stall = stall
        return S3ObjectStore(settings: settings)
    }

    /// Waits (at most 5 s) for `condition`.
    func eventually(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now.advanced(by: .seconds(5))
        while !condition(), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func aCancelledUploadStopsAtOnce() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let listener = try LoopbackListener(.stallReading)
        defer { listener.stop() }
        let source = folder.appending(path: "big.mp4")
        try Data(repeating: 7, count: 16 * 1_048_576).write(to: source)
        let store = store(listener)
        let upload = Task { try await store.put(key: "renders/big.mp4", file: source, contentType: "video/mp4", ifAbsent: false) }
        try await eventually { !listener.requests.isEmpty }
        try await Task.sleep(for: .milliseconds(200))
        let cancelled = ContinuousClock.now
        upload.cancel()
        let result = await upload.result
        #expect(ContinuousClock.now - cancelled < .seconds(1))
        #expect(throws: CancellationError.self) { try result.get() }
    }

    @Test func aCancelledDownloadLeavesNoFile() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let listener = try LoopbackListener(.stallSending(length: 8 * 1_048_576, prefix: Data(repeating: 1, count: 1_048_576)))
        defer { listener.stop() }
        let target = folder.appending(path: "video.mp4")
        let part = folder.appending(path: "video.mp4.part")
        let store = store(listener)
        let download = Task { try await store.get(key: "renders/video.mp4", to: target) }
        try await eventually { ((try? FileManager.default.attributesOfItem(atPath: part.path)[.size] as? Int) ?? 0) > 0 }
        #expect(FileManager.default.fileExists(atPath: part.path), "the body is arriving in the .part")
        let cancelled = ContinuousClock.now
        download.cancel()
        let result = await download.result
        #expect(ContinuousClock.now - cancelled < .seconds(1))
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "neither the file nor its .part")
    }

    @Test func aServerSilentPastTheStallLimitIsARetryableError() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let listener = try LoopbackListener(.stallSending(length: 1000, prefix: Data("abc".utf8)))
        defer { listener.stop() }
        let started = ContinuousClock.now
        let error = await #expect(throws: ObjectStoreError.self) { try await store(listener, stall: .seconds(1)).data(key: "inputs/x") }
        #expect(ContinuousClock.now - started < .seconds(10), "libcurl's speed check averages over a few seconds")
        #expect(error?.kind == .unavailable)
        #expect(error?.isRetryable == true)
        #expect(error?.message.hasPrefix("S3 GET s3://tiktok-ai/inputs/x: ") == true, "\(String(describing: error))")
        #expect(error?.message.contains("secret") == false)
    }
}
