import FileSafety
import Foundation
import Hummingbird
import Operations
import Spool
#if canImport(Glibc)
import Glibc
#endif

/// `GET /api/health` and `GET /api/status`, in the runbook's shapes.
struct HealthRoutes {
    let operations: SpoolOperations
    let status: ServiceStatusCache
    let version: String
    /// The index check's last success, kept between polls while the index is unchanged.
    let indexChecks = RecentAnswers<Bool>(maxAge: .seconds(1))

    struct Health: Encodable {
        var status = "OK"
        var timestamp: Date
        var version: String
        var database = "connected"
        var artifactsDir: String
    }

    func register(on router: Router<APIRequestContext>) {
        router.get("/api/health") { _, _ in try self.health() }
        router.get("/api/status") { _, _ in APIJSON.response(await self.status.current()) }
    }

    /// 200 when the index answers a query and the spool's folders are writable; else 500 with the reason.
    func health() throws -> Response {
        if let problem = problem() {
            return APIJSON.response(["status": "ERROR", "error": problem], status: .internalServerError)
        }
        return APIJSON.response(Health(timestamp: Date(), version: version, artifactsDir: operations.layout.root.path))
    }

    private func problem() -> String? {
        let layout = operations.layout
        for folder in [layout.inbox] + SpoolLayout.StateFolder.allCases.map(layout.folder) where access(folder.path, W_OK) != 0 {
            return "the spool folder \(folder.path) is not writable (\(String(cString: strerror(errno))))"
        }
        do {
            _ = try indexChecks.value(for: "index", writeCount: operations.indexWriteCount) {
                _ = try operations.indexCounts()
                return true
            }
        } catch {
            return "Database connection failed: \(error)"
        }
        return nil
    }
}
