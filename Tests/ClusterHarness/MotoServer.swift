import Foundation
import ObjectStorage
import SpoolHarness
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// moto (PyPI `moto[server]`, what `moto_server` runs) on 127.0.0.1 as the cluster's S3, for one test
/// suite, **checking signatures**: it starts with `INITIAL_NO_AUTH_ACTION_COUNT=3`, spends those three
/// unsigned calls on an IAM user, its `s3:*` policy and its access key (boto3, through a pipe: the
/// secret never reaches a file), then creates the bucket with that key. From then on a request with a
/// wrong secret gets 403 `SignatureDoesNotMatch`.
///
/// moto checks a signature against the URL its web framework (werkzeug) rebuilds, which decodes `%2F`,
/// `%2B` and UTF-8 escapes: then boto3 itself is refused for a key `é.txt` or a listing of `renders/`.
/// The server here is moto's own (`moto.server.main`) with that one thing changed: the URL checked is
/// the request's as sent (`RAW_URI`), as S3 checks it.
///
/// moto does not check the payload hash (`x-amz-content-sha256`); the signature tests compare against
/// botocore for that.
public final class MotoServer: Sendable {
    public let port: UInt16
    public let bucket: String
    public let accessKeyID: String
    public let secretAccessKey: String
    /// moto's request log (paths and statuses, no headers).
    public let log: URL
    private let process: Mutex<SpawnedProcess?>

    public var endpoint: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private init(port: UInt16, bucket: String, accessKeyID: String, secretAccessKey: String, log: URL, process: sending SpawnedProcess) {
        self.port = port
        self.bucket = bucket
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.log = log
        self.process = Mutex(process)
    }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The settings a client of this server uses; another `secret` to be refused.
    public func settings(secret: String? = nil) -> ObjectStoreSettings {
        ObjectStoreSettings(endpoint: endpoint, bucket: bucket, accessKeyID: accessKeyID, secretAccessKey: secret ?? secretAccessKey)
    }

    /// Starts moto on a free port, waits (at most 20 s) until it accepts connections, and sets up the
    /// user, key and bucket (at most 30 s). Stops what it started if any of it fails.
    public static func start(bucket: String = "tiktok-ai-test") async throws -> MotoServer {
        let folder = URL(filePath: NSTemporaryDirectory()).appending(path: "moto-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appending(path: "moto.log")
        let port = try PrivateSSHServer.freeLoopbackPort()
        let process = try SpawnedProcess(["/usr/bin/env", "INITIAL_NO_AUTH_ACTION_COUNT=3", "python3", "-c", launcher,
                                          "-H", "127.0.0.1", "-p", String(port)], output: log)
        func fail(_ what: String) -> StartError {
            process.stop(grace: 3)
            let tail = ((try? String(contentsOf: log, encoding: .utf8)) ?? "").suffix(2000)
            return StartError(description: "moto on port \(port): \(what) (is moto[server] installed? make deps)\nmoto log:\n\(tail)")
        }
        let deadline = ContinuousClock.now.advanced(by: .seconds(20))
        while !acceptsConnections(port) {
            guard process.isRunning else { throw fail("it exited") }
            guard ContinuousClock.now < deadline else { throw fail("no connection within 20 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let credentials: [String: String]
        do {
            let output = try await runSetup(endpoint: "http://127.0.0.1:\(port)", bucket: bucket)
            credentials = try JSONDecoder().decode([String: String].self, from: output)
        } catch {
            throw fail("the IAM user, key and bucket could not be made: \(error)")
        }
        guard let key = credentials["accessKeyId"], let secret = credentials["secretAccessKey"] else { throw fail("no access key came back") }
        return MotoServer(port: port, bucket: bucket, accessKeyID: key, secretAccessKey: secret, log: log, process: process)
    }

    /// SIGTERM, then SIGKILL after 3 s; reaps it either way. Idempotent.
    public func stop() {
        process.withLock { process in
            process?.stop(grace: 3)
            process = nil
        }
        try? FileManager.default.removeItem(at: log.deletingLastPathComponent())
    }

    // MARK: - Starting

    /// moto's server with the URL its signature check uses taken from the request line as sent.
    static let launcher = #"""
    import sys, werkzeug.wrappers
    werkzeug.wrappers.Request.url = property(lambda request: request.host_url.rstrip("/") + request.environ.get("RAW_URI", request.full_path))
    from moto.server import main
    main(sys.argv[1:])
    """#

    /// The three unsigned calls, then the bucket made with the new key; prints the key as JSON.
    static let setup = #"""
    import json, sys, boto3
    endpoint, bucket = sys.argv[1], sys.argv[2]
    bootstrap = dict(endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="bootstrap", aws_secret_access_key="bootstrap")
    iam = boto3.client("iam", **bootstrap)
    iam.create_user(UserName="tiktok-ai")
    iam.put_user_policy(UserName="tiktok-ai", PolicyName="s3-all", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    key = iam.create_access_key(UserName="tiktok-ai")["AccessKey"]
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                      aws_access_key_id=key["AccessKeyId"], aws_secret_access_key=key["SecretAccessKey"])
    s3.create_bucket(Bucket=bucket)
    print(json.dumps({"accessKeyId": key["AccessKeyId"], "secretAccessKey": key["SecretAccessKey"]}))
    """#

    /// Runs the set-up script with its output in a pipe (it carries the secret), killed after 30 s.
    private static func runSetup(endpoint: String, bucket: String) async throws -> Data {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", setup, endpoint, bucket]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = ContinuousClock.now.advanced(by: .seconds(30))
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw StartError(description: "the set-up script ran past 30 s")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw StartError(description: "set-up exited with \(process.terminationStatus): \(text.suffix(1500))")
        }
        return data
    }

    /// Whether a TCP connection to 127.0.0.1:`port` is accepted now.
    static func acceptsConnections(_ port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = port.bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
