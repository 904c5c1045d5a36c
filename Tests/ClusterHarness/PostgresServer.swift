import Foundation

/// A private PostgreSQL server for one test: Debian's binaries, its own data folder and a free
/// loopback port, a non-superuser role with a password, and a database it owns. Stopped by its pid.
///
/// PostgreSQL refuses to run as root, so when the tests run as root the server runs as the `postgres`
/// user (which Debian's package creates) through `setpriv`, which execs it: the child's pid is the
/// server's.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let dataFolder: URL
    public let role = "render"
    public let password: String
    public let database = "cluster"
    /// A `DATABASE_URL` for the role.
    public var url: String { "postgres://\(role):\(password)@127.0.0.1:\(port)/\(database)" }

    private let binaries: URL
    private let root: URL
    private var process: Process?
    private let lock = NSLock()

    public enum HarnessError: Error, CustomStringConvertible {
        case missing(String)
        case failed(String)
        public var description: String {
            switch self {
            case .missing(let what): "PostgreSQL is not installed (\(what)); `make test` installs the postgresql package"
            case .failed(let what): what
            }
        }
    }

    /// The newest installed major version's `bin` folder.
    static func findBinaries() throws -> URL {
        let base = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []).compactMap(Int.init).sorted()
        guard let newest = versions.last else { throw HarnessError.missing("no /usr/lib/postgresql/N") }
        let bin = base.appending(path: "\(newest)/bin")
        guard FileManager.default.isExecutableFile(atPath: bin.appending(path: "postgres").path) else {
            throw HarnessError.missing(bin.appending(path: "postgres").path)
        }
        return bin
    }

    /// initdb, start, and create the role and the database. Bounded: about 30 s at most.
    public init() throws {
        binaries = try Self.findBinaries()
        root = URL(fileURLWithPath: "/tmp").appending(path: "tiktok-ai-pg-\(UUID().uuidString.prefix(8))")
        dataFolder = root.appending(path: "data")
        password = "pw-" + UUID().uuidString.prefix(12).lowercased()
        port = try Self.freePort()
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let superPassword = root.appending(path: "superuser-password")
        try Data("super\n".utf8).write(to: superPassword)
        if getuid() == 0 {
            // The server's user must own its folders.
            try run("/bin/chown", ["-R", "postgres:postgres", root.path])
            try run("/bin/chmod", ["0700", root.path])
        }
        try runAsServerUser(binaries.appending(path: "initdb").path, [
            "-D", dataFolder.path, "-U", "postgres", "--auth=scram-sha-256", "--pwfile=\(superPassword.path)",
            "-E", "UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions",
        ])
        try start()
        try psql(as: "postgres", password: "super", database: "postgres", [
            "CREATE ROLE \(role) LOGIN PASSWORD '\(password)'",
            "CREATE DATABASE \(database) OWNER \(role)",
        ])
    }

    deinit { stop(mode: "immediate") }

    /// Starts the server (again) on the same port and data; returns once it accepts connections.
    public func start() throws {
        let process = Process()
        let setpriv = getuid() == 0
        process.executableURL = URL(fileURLWithPath: setpriv ? "/usr/bin/setpriv" : binaries.appending(path: "postgres").path)
        let serverArguments = [
            "-D", dataFolder.path, "-h", "127.0.0.1", "-p", String(port), "-k", root.path,
            // The tests kill the server, never the machine: fsync buys nothing here and costs seconds.
            "-c", "fsync=off", "-c", "max_connections=100", "-c", "log_min_messages=warning",
        ]
        process.arguments = setpriv
            ? ["--reuid=postgres", "--regid=postgres", "--clear-groups", binaries.appending(path: "postgres").path] + serverArguments
            : serverArguments
        let log = try FileHandle(forWritingTo: createLog())
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        lock.withLock { self.process = process }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !process.isRunning { throw HarnessError.failed("postgres exited: \(logTail())") }
            if (try? run(binaries.appending(path: "pg_isready").path, ["-h", "127.0.0.1", "-p", String(port), "-q"])) != nil { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw HarnessError.failed("postgres did not accept connections in 30 s: \(logTail())")
    }

    /// Stops the server by its pid: `fast` (SIGINT: roll back and shut down), `immediate` (SIGQUIT: no
    /// checkpoint, crash recovery at the next start) or `kill` (SIGKILL). Waits up to 10 s.
    public func stop(mode: String = "fast") {
        guard let process = lock.withLock({ () -> Process? in defer { self.process = nil }; return self.process }) else { return }
        guard process.isRunning else { return }
        let signal: Int32 = switch mode { case "immediate": SIGQUIT; case "kill": SIGKILL; default: SIGINT }
        kill(process.processIdentifier, signal)
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }

    /// Removes the data folder (after ``stop(mode:)``).
    public func remove() {
        stop(mode: "immediate")
        try? FileManager.default.removeItem(at: root)
    }

    /// Runs SQL statements through psql as `user`, one `-c` each, stopping at the first error.
    public func psql(as user: String? = nil, password: String? = nil, database: String? = nil, _ statements: [String]) throws {
        var arguments = ["-h", "127.0.0.1", "-p", String(port), "-U", user ?? role, "-d", database ?? self.database,
                         "-v", "ON_ERROR_STOP=1", "-q", "-X"]
        for statement in statements { arguments += ["-c", statement] }
        try run("/usr/bin/psql", arguments, environment: ["PGPASSWORD": password ?? self.password])
    }

    /// One value from a query, as psql prints it unaligned (`-At`).
    public func value(_ sql: String) throws -> String {
        try run("/usr/bin/psql", ["-h", "127.0.0.1", "-p", String(port), "-U", role, "-d", database, "-At", "-X", "-c", sql],
                environment: ["PGPASSWORD": password]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Plumbing

    private func createLog() throws -> URL {
        let log = root.appending(path: "server.log")
        if !FileManager.default.fileExists(atPath: log.path) { _ = FileManager.default.createFile(atPath: log.path, contents: nil) }
        return log
    }

    private func logTail() -> String {
        let text = (try? String(contentsOf: root.appending(path: "server.log"), encoding: .utf8)) ?? ""
        return String(text.suffix(800))
    }

    private func runAsServerUser(_ tool: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try run("/usr/bin/setpriv", ["--reuid=postgres", "--regid=postgres", "--clear-groups", tool] + arguments)
        } else {
            try run(tool, arguments)
        }
    }

    /// Runs a tool to its end (bounded at 60 s) and returns its standard output; throws on a non-zero exit.
    @discardableResult
    func run(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        // Files, not pipes: the wait below stays bounded whatever the tool writes.
        let outputFile = root.appending(path: "run-\(UUID().uuidString.prefix(8)).out")
        let errorFile = root.appending(path: "run-\(UUID().uuidString.prefix(8)).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
            throw HarnessError.failed("\((tool as NSString).lastPathComponent) exited \(process.terminationStatus): \(message)")
        }
        return (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
    }

    /// A loopback port nobody listens on right now.
    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw HarnessError.failed("socket: \(errno)") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw HarnessError.failed("bind: \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
