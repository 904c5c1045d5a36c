import Foundation
import ObjectStorage
import Testing
@testable import Settings

@Suite("Settings: object storage (S3_ENDPOINT, S3_BUCKET, S3_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)")
struct ObjectStoreSettingsTests {
    private func load(_ environment: [String: String]) async throws -> Settings {
        let root = FileManager.default.temporaryDirectory.appending(path: "settings-s3-\(UUID().uuidString.prefix(8))", directoryHint: .isDirectory)
        try FileManager.default.createDirectory(at: root.appending(path: "spool"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        return try await SettingsLoader(environment: environment, spoolFlag: root.appending(path: "spool").path, workingDirectory: root).load()
    }

    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    @Test("off without a bucket; with one, every value as given and the secret shown only as set")
    func readsTheBucketAndHidesTheSecret() async throws {
        #expect(try await load([:]).objectStore == nil)
        #expect(try await load(["AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": Self.secret]).objectStore == nil,
                "keys for other AWS tools alone turn nothing on")
        let settings = try await load(["S3_ENDPOINT": "http://127.0.0.1:9000/", "S3_BUCKET": "renders", "S3_REGION": "eu-west-1",
                                       "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": Self.secret])
        let store = try #require(settings.objectStore)
        #expect(store.endpoint.absoluteString == "http://127.0.0.1:9000" && store.bucket == "renders" && store.region == "eu-west-1")
        #expect(store.accessKeyID == "AKID" && store.secretAccessKey == Self.secret)
        #expect(store.signing?.region == "eu-west-1")
        let shown = Dictionary(uniqueKeysWithValues: settings.effective.map { ($0.environment, $0) })
        #expect(shown["AWS_SECRET_ACCESS_KEY"]?.value == "set")
        #expect(shown["AWS_SECRET_ACCESS_KEY"]?.source == .environment("AWS_SECRET_ACCESS_KEY"))
        #expect(shown["S3_BUCKET"]?.value == "renders")
        var dumped = ""
        dump(store, to: &dumped)
        let json = String(decoding: try JSONEncoder().encode(settings.effective), as: UTF8.self)
        for text in [json, dumped, "\(store)", String(reflecting: store), "\(store.signing!)"] {
            #expect(!text.contains(Self.secret), "\(text)")
        }
    }

    @Test("the region defaults to us-east-1 and the endpoint to AWS's for it")
    func defaults() async throws {
        let store = try #require(try await load(["S3_BUCKET": "renders"]).objectStore)
        #expect(store.region == "us-east-1")
        #expect(store.endpoint.absoluteString == "https://s3.us-east-1.amazonaws.com")
        #expect(store.signing == nil, "no keys: unsigned")
    }

    @Test("an endpoint without a bucket, one key without the other, a bad bucket name: errors that name them")
    func mistakesAreNamed() async throws {
        let cases: [([String: String], String)] = [
            (["S3_ENDPOINT": "http://127.0.0.1:9000"], "S3_ENDPOINT is set but S3_BUCKET is not"),
            (["S3_BUCKET": "renders", "AWS_SECRET_ACCESS_KEY": Self.secret], "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"),
            (["S3_BUCKET": "renders", "AWS_ACCESS_KEY_ID": "AKID"], "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"),
            (["S3_BUCKET": "Renders_2"], "S3_BUCKET 'Renders_2' is not a bucket name"),
            (["S3_BUCKET": "renders", "S3_ENDPOINT": "ftp://x"], "S3_ENDPOINT: 'ftp://x' is not an http or https URL"),
        ]
        for (environment, message) in cases {
            let error = await #expect(throws: SettingsError.self) { try await load(environment) }
            #expect(error?.message.contains(message) == true, "\(String(describing: error))")
            #expect(error?.message.contains(Self.secret) == false)
        }
    }
}
