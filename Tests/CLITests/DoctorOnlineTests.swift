import FakeProviderServer
import Foundation
import Testing

/// `doctor` on the providers: offline said plainly, and `--online` asking each configured service once.
@Suite("doctor and the providers", .serialized)
struct DoctorOnlineTests {
    static func checks(_ stdout: String) throws -> [[String: Any]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        return report["checks"] as? [[String: Any]] ?? []
    }

    @Test("with no keys, doctor says every service is not configured and the offline provider serves its step")
    func offlineIsSaidPlainly() throws {
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let result = try harness.run(["doctor", "--online", "--spool", harness.spool.path],
                                     environment: ["OPENAI_API_KEY": "", "ELEVENLABS_API_KEY": "", "PEXELS_API_KEY": ""])
        #expect(result.stdout.contains("not configured (set OPENAI_API_KEY or OPENAI_CHAT_BASE_URL)"), "\(result.stdout)")
        #expect(result.stdout.contains("no service is configured: everything runs offline"), "\(result.stdout)")
        #expect(result.stdout.contains("plan: template") && result.stdout.contains("voice: espeak-ng"))
    }

    @Test("--online makes one authenticated request per configured service; a revoked key fails, and no key is printed")
    func onlineAsksEachServiceOnce() async throws {
        let server = try FakeProviderServer.start()
        defer { server.stop() }
        let harness = try CLIHarness()
        defer { harness.cleanUp() }
        let base = server.baseURL.absoluteString
        var environment = ["OPENAI_API_KEY": "sk-doctor-works-0123", "OPENAI_BASE_URL": server.url("/v1").absoluteString,
                           "ELEVENLABS_API_KEY": "el-doctor-0123", "ELEVENLABS_BASE_URL": base,
                           "PEXELS_API_KEY": "px-doctor-0123", "PEXELS_BASE_URL": base]
        let good = try harness.run(["doctor", "--online", "--json", "--spool", harness.spool.path], environment: environment)
        let online = try Self.checks(good.stdout).filter { ($0["name"] as? String)?.hasPrefix("online:") == true }
        #expect(online.map { $0["name"] as? String } == ["online: OpenAI chat", "online: ElevenLabs", "online: Pexels"], "\(good.stdout)")
        #expect(online.allSatisfy { $0["verdict"] as? String == "ok" }, "\(online)")
        let counts = try await server.counts()
        #expect(counts["GET /v1/models"] == 1 && counts["GET /v1/user"] == 1 && counts["GET /v1/search"] == 1, "\(counts)")

        environment["OPENAI_API_KEY"] = "sk-revoked"
        let bad = try harness.run(["doctor", "--online", "--spool", harness.spool.path], environment: environment)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("online: OpenAI chat") && bad.stdout.contains("401"), "\(bad.stdout)")
        for key in ["sk-doctor-works-0123", "el-doctor-0123", "px-doctor-0123", "sk-revoked"] {
            #expect(!good.stdout.contains(key) && !bad.stdout.contains(key) && !bad.stderr.contains(key))
        }
    }
}
