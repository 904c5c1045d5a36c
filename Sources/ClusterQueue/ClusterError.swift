/// What went wrong talking to the cluster's database, worded for an operator. Never carries the
/// password or the full `DATABASE_URL`: only the host, port and database.
public struct ClusterError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// `DATABASE_URL` does not parse.
        case badURL
        /// The database did not answer within the call's deadline (a half-open connection, a cut link).
        case timedOut
        /// The server refused or failed the statement.
        case database
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
