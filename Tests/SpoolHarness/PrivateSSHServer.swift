import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throwaway sshd on 127.0.0.1 with its own host key, client key and config, run as the current
/// user, so the tests push files with the real `rsync` and `scp` a producer uses (the upload faults,
/// the shell recipes).
public struct PrivateSSHServer {
    public let directory: URL
    public let port: UInt16
    let process: SpawnedProcess
    public var clientKey: URL { directory.appending(path: "client_key") }
    public var user: String { String(cString: getpwuid(getuid()).pointee.pw_name) }

    /// The ssh options every client command uses: our key, no host key checks, never a prompt.
    public var sshOptions: [String] {
        ["-i", clientKey.path, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10"]
    }

    /// The `-e` argument of rsync.
    public var rsyncShell: String { (["ssh", "-p", String(port)] + sshOptions).joined(separator: " ") }

    public var destinationHost: String { "\(user)@127.0.0.1" }

    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func start(in directory: URL) async throws -> PrivateSSHServer {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for key in ["host_key", "client_key"] {
            let made = try Command.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "tiktok-ai-fault-\(key)", "-f", directory.appending(path: key).path], timeout: 30)
            guard made.status == 0 else { throw StartError(description: "ssh-keygen: \(made.stderr)") }
        }
        try FileManager.default.copyItem(at: directory.appending(path: "client_key.pub"), to: directory.appending(path: "authorized_keys"))
        // sshd refuses to start without its privilege separation directory (absent in containers).
        if !FileManager.default.fileExists(atPath: "/run/sshd") {
            try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }
        let port = try freeLoopbackPort()
        let config = """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(directory.appending(path: "host_key").path)
        PidFile \(directory.appending(path: "sshd.pid").path)
        AuthorizedKeysFile \(directory.appending(path: "authorized_keys").path)
        StrictModes no
        UsePAM no
        PermitRootLogin yes
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        AllowTcpForwarding no
        X11Forwarding no
        PrintMotd no
        Subsystem sftp /usr/lib/openssh/sftp-server
        """
        let configFile = directory.appending(path: "sshd_config")
        try Data(config.utf8).write(to: configFile)

        // Not Foundation's Process: sshd closes every inherited descriptor at start-up, and Foundation
        // takes that for the child's exit and blocks its process monitor in waitpid until sshd ends,
        // so no other Process would ever be seen to exit.
        let log = directory.appending(path: "sshd.log")
        let process = try SpawnedProcess(["/usr/sbin/sshd", "-D", "-e", "-f", configFile.path], output: log)
        let server = PrivateSSHServer(directory: directory, port: port, process: process)

        // Ready once a real login works.
        let deadline = Date().addingTimeInterval(15)
        var last = ""
        while Date() < deadline {
            guard process.isRunning else { break }
            let probe = try Command.run("/usr/bin/ssh", ["-p", String(port)] + server.sshOptions + [server.destinationHost, "true"], timeout: 10)
            if probe.status == 0 { return server }
            last = probe.stderr
            try await Task.sleep(for: .milliseconds(200))
        }
        server.stop()
        let sshdLog = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        throw StartError(description: "sshd did not accept a login on port \(port): \(last)\nsshd log:\n\(sshdLog)")
    }

    public func stop() {
        process.stop(grace: 5)
    }

    /// A port the kernel just handed out on 127.0.0.1 (bound, read, released).
    public static func freeLoopbackPort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw StartError(description: "bind: \(errno)") }
        let named = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        guard named == 0 else { throw StartError(description: "getsockname: \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }
}

/// A child started with posix_spawn and reaped by pid: for programs that close the descriptors
/// Foundation's Process watches (see ``PrivateSSHServer/start(in:)``).
public final class SpawnedProcess {
    public let pid: pid_t
    private var exited = false

    struct SpawnError: Error, CustomStringConvertible { var description: String }

    /// Starts `arguments[0]` with stdin from /dev/null and stdout and stderr appended to `output`.
    public init(_ arguments: [String], output: URL) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let result = posix_spawn(&child, arguments[0], &actions, nil, argv, environ)
        guard result == 0 else { throw SpawnError(description: "posix_spawn \(arguments[0]): \(String(cString: strerror(result)))") }
        pid = child
    }

    public var isRunning: Bool {
        if exited { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        return !exited
    }

    /// SIGTERM, then SIGKILL after `grace` seconds; always reaps the child.
    public func stop(grace: TimeInterval) {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while isRunning && Date() < deadline { usleep(50_000) }
        if isRunning {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            _ = waitpid(pid, &status, 0)
            exited = true
        }
    }

    deinit { if !exited { kill(pid, SIGKILL); var status: Int32 = 0; _ = waitpid(pid, &status, 0) } }
}
