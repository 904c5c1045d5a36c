import ArgumentParser
import Foundation
import Pipeline
import Spool

/// `doctor`: checks the machine and the spool before an operator trusts them.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check ffmpeg, ffprobe, espeak-ng, the caption font, the spool, the index, inotify and free disk.",
        discussion: "Exit codes: 0 everything needed is there (warnings allowed); 1 at least one check failed.")

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Print one JSON object: ok, checks [{name, verdict (ok, warn, fail), detail}].") var json = false

    func run() async throws {
        let layout = SpoolLayout(root: spool.url)
        let checks = await Diagnostics(layout: layout, configuration: .fromEnvironment()).run()
        let ok = !checks.contains { $0.verdict == .fail }
        if json {
            CLIOutput.json(["ok": ok, "checks": checks.map { ["name": $0.name, "verdict": $0.verdict.rawValue, "detail": $0.detail] }])
        } else {
            for check in checks {
                print("\(check.verdict.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(check.name.padding(toLength: 17, withPad: " ", startingAt: 0)) \(check.detail)")
            }
        }
        if !ok { throw ExitCode.failure }
    }
}
