import Foundation
import Testing
@testable import Media

@Suite struct ProcessRunnerTests {
    @Test func capturesStdoutAndCallsLineHandler() async throws {
        let lines = LineCollector()
        let result = try await ProcessRunner.run("printf", ["one\\ntwo\\n"], timeout: .seconds(5)) { lines.append($0) }
        #expect(result.stdout == "one\ntwo\n")
        #expect(lines.lines == ["one", "two"])
        #expect(result.termination == .exited(0))
    }

    @Test func nonZeroExitThrowsWithStderr() async throws {
        do {
            _ = try await ProcessRunner.run("ls", ["/definitely/not/here"], timeout: .seconds(5))
            Issue.record("expected a failure")
        } catch let error as MediaError {
            guard case .processFailed(let tool, let code, let tail) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "ls")
            #expect(code != 0)
            #expect(tail.contains("/definitely/not/here"))
            #expect(error.description.contains("ls exited with status"))
        }
    }

    @Test func missingToolIsReported() async throws {
        await #expect(throws: MediaError.self) {
            _ = try await ProcessRunner.run("/nonexistent/ffmpeg-nope", [], timeout: .seconds(5))
        }
    }

    @Test func timeoutKillsTheProcess() async throws {
        let marker = "30.1234"
        let started = ContinuousClock.now
        do {
            _ = try await ProcessRunner.run("sleep", [marker], timeout: .milliseconds(400))
            Issue.record("expected a timeout")
        } catch let error as MediaError {
            guard case .timedOut(let tool, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(tool == "sleep")
        }
        // The process would sleep 30 s: well under that means the timeout stopped it (bounds are loose,
        // as a loaded two-core machine can be slow to schedule us).
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(await Fixtures.waitForNoProcess(commandLineContaining: marker, seconds: 0.5))
    }

    @Test func cancellationKillsTheProcessWithinASecond() async throws {
        let marker = "30.5678"
        let task = Task { try await ProcessRunner.run("sleep", [marker], timeout: .seconds(60)) }
        for _ in 0..<100 where !Fixtures.processRunning(commandLineContaining: marker) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(Fixtures.processRunning(commandLineContaining: marker))
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(ContinuousClock.now - cancelled < .seconds(5))
        #expect(await Fixtures.waitForNoProcess(commandLineContaining: marker, seconds: 0.2))
    }

    @Test func processIgnoringSIGTERMIsKilled() async throws {
        let marker = "trap-marker-4242"
        // A script that ignores SIGTERM: the runner must follow up with SIGKILL after a second.
        let task = Task {
            try await ProcessRunner.run("perl", ["-e", "$SIG{TERM}='IGNORE'; sleep 30; # \(marker)"], timeout: .seconds(60))
        }
        for _ in 0..<100 where !Fixtures.processRunning(commandLineContaining: marker) {
            try await Task.sleep(for: .milliseconds(20))
        }
        try #require(Fixtures.processRunning(commandLineContaining: marker), "the process never started")
        let cancelled = ContinuousClock.now
        task.cancel()
        await #expect(throws: CancellationError.self) { _ = try await task.value }
        // SIGTERM is ignored, so SIGKILL follows after a second: far under the 30 s it would sleep.
        #expect(ContinuousClock.now - cancelled < .seconds(8))
        #expect(await Fixtures.waitForNoProcess(commandLineContaining: marker, seconds: 0.2))
    }

    @Test func fullDiskIsReportedAsNoSpace() async throws {
        do {
            try await FFmpeg.run(["-f", "lavfi", "-i", "sine=d=5", "-f", "wav", "file:/dev/full"], timeout: .seconds(20))
            Issue.record("expected writing to /dev/full to fail")
        } catch let error as MediaError {
            guard case .noSpace = error else {
                Issue.record("expected .noSpace, got \(error)")
                return
            }
            #expect(error.description.hasPrefix("No space left on device"))
        }
    }

    @Test func noSpaceIsRecognisedInStderr() {
        let error = MediaError.failure(tool: "ffmpeg", exitCode: 1, stderrTail: "av_interleaved_write_frame(): No space left on device\n")
        #expect(error == .noSpace(tool: "ffmpeg", stderrTail: "av_interleaved_write_frame(): No space left on device\n"))
    }
}
