import ArgumentParser
import Foundation
import ProjectModel

/// `packs`: the niche packs and what they set.
struct PacksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "packs", abstract: "List the niche packs.")

    @Flag(help: "Print the full packs as JSON.") var json = false

    func run() async throws {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(NichePack.all), as: UTF8.self))
            return
        }
        for pack in NichePack.all {
            let pacing = pack.pacing(forTargetSeconds: 60)
            print("\(pack.id.padding(toLength: 13, withPad: " ", startingAt: 0)) \(pack.name.padding(toLength: 24, withPad: " ", startingAt: 0)) 60 s: \(pacing.minScenes)-\(pacing.maxScenes) scenes  captions \(pack.captionPrimary)/\(pack.captionHighlight)  music \(pack.musicMood)")
            print("              effects: \(pack.allowedEffects.map(\.rawValue).joined(separator: ", "))")
        }
        print("script templates: \(ScriptTemplate.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}
