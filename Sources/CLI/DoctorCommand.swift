import ArgumentParser
import Foundation
import Operations

/// `doctor`: checks the machine and the spool before an operator trusts them.
struct DoctorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check every provider, the caption font, the spool, the index, inotify and free disk; print the settings.",
        discussion: """
        --online also sends one cheap authenticated request per configured service (OpenAI `GET /models`, \
        ElevenLabs `GET /v1/user`, a one-result Pexels search) and fails on a wrong key or URL. \
        Each setting is printed with its effective value and where it came from (default, environment, \
        file, flag). --json prints one object: ok, checks [{name, verdict (ok, warn, fail), detail, fix}], \
        settings [{key, environment, value, source}]. A check that is not ok has `fix`: the command that fixes it.
        Exit codes: 0 everything needed is there (warnings allowed); 1 at least one check failed; 64 a setting is unusable.
        """)

    @OptionGroup var spool: SpoolOption
    @Flag(help: "Print one JSON object.") var json = false
    @Flag(help: "Also make one cheap authenticated request per configured service (OpenAI, ElevenLabs, Pexels).") var online = false

    func run() async throws {
        let context = try await CommandContext.load(spool)
        let settings = context.settings
        let catalog = ProviderComposition.catalog(settings, musicLibrary: settings.musicLibraryDirectory)
        var report = await Doctor(layout: context.layout, settings: settings, providers: ProviderComposition.byStep(catalog)).run()
        if online {
            let checks = await OnlineCheck.run(settings.providers)
            report.checks += checks
            report.ok = report.ok && !checks.contains { $0.verdict == .fail }
        }
        if json {
            CLIOutput.json(report)
        } else {
            for check in report.checks {
                print("\(check.verdict.rawValue.uppercased().padding(toLength: 5, withPad: " ", startingAt: 0)) \(check.name.padding(toLength: 22, withPad: " ", startingAt: 0)) \(check.detail)")
                if let fix = check.fix { print("      \("fix:".padding(toLength: 22, withPad: " ", startingAt: 0)) \(fix)") }
            }
            print("\nsettings\(settings.configFile.map { " (config file \($0.path))" } ?? " (no config file)"):")
            for entry in report.settings {
                print("  \(entry.key.padding(toLength: 21, withPad: " ", startingAt: 0)) \((entry.value ?? "(unset)").padding(toLength: 42, withPad: " ", startingAt: 0)) \(entry.source)")
            }
        }
        if !report.ok { throw ExitCode.failure }
    }
}
