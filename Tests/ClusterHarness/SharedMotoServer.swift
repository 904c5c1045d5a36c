import Testing

/// `@Suite(.serialized, .motoServer)`: one ``MotoServer`` for the whole suite, started before its first
/// test and stopped by pid after its last, reached in the tests as ``MotoServer/current``.
public struct SharedMotoServer: SuiteTrait, TestScoping {
    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let server = try await MotoServer.start()
        defer { server.stop() }
        try await MotoServer.$current.withValue(server) { try await function() }
    }
}

extension Trait where Self == SharedMotoServer {
    public static var motoServer: Self { Self() }
}

extension MotoServer {
    /// The suite's server, inside a suite marked `.motoServer`.
    @TaskLocal public static var current: MotoServer?
}
