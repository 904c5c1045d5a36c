import Foundation
import PostgresNIO

/// `DATABASE_URL` (`postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=disable|prefer|require`),
/// parsed into a PostgresNIO configuration.
///
/// Its ``description`` names the server without the password, so that it can go into logs and errors.
public struct DatabaseURL: Sendable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    var password: String?
    public var sslMode: String

    public init(_ text: String) throws {
        guard let components = URLComponents(string: text), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty else {
            // The text may hold a password: never repeat it.
            throw ClusterError(.badURL, "DATABASE_URL must look like postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        self.database = path.isEmpty ? self.user : path
        self.sslMode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "prefer"
        guard ["disable", "prefer", "require"].contains(sslMode) else {
            throw ClusterError(.badURL, "DATABASE_URL: sslmode must be disable, prefer or require, not \(sslMode)")
        }
    }

    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The client's configuration: the role's timeouts sent at connect (the migration also sets them on
    /// the role, for other clients), a connect limit, and a small pool.
    func clientConfiguration(connectTimeout: Duration) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(.makeClientConfiguration())
        default: .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        configuration.options.maximumConnections = 8
        configuration.options.additionalStartupParameters = ClusterSchema.sessionSettings
        configuration.options.keepAliveBehavior = .init(frequency: .seconds(10))
        return configuration
    }

    /// One connection outside the pool, to hear a refused login at once: the pool retries a failed
    /// connect in the background, and a caller would only see its deadline pass.
    func connectionConfiguration(connectTimeout: Duration) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "require": .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        default: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.seconds * 1e9))
        return configuration
    }
}
