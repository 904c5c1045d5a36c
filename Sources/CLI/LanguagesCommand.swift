import ArgumentParser
import EspeakSpeech
import Foundation
import Languages
import Media
import ProjectModel

/// `languages`: every language this machine speaks offline, with its voice, script and caption face.
struct LanguagesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "languages",
        abstract: "List the languages espeak-ng speaks here, with their voice, script and caption font.",
        discussion: """
            A project's "language" must be one of these unless it names a "voice" or brings a voiceover. \
            The offline planner writes English only: in any other language, give the project its own \
            "scenes", or let a chat model plan it (PROVIDER_PLAN=openai).
            """)

    @Argument(help: "Show only these languages (BCP 47 tags such as de, pt-BR, zh).") var tags: [String] = []
    @Flag(help: "Print JSON: one object per language.") var json = false

    struct Row: Encodable {
        var tag: String
        var name: String
        var nativeName: String
        var voice: String
        var script: String
        var font: String
        var fontInstalled: Bool
        var rightToLeft: Bool
        var plansOffline: Bool
    }

    func run() async throws {
        let spoken: [(tag: String, voice: String)]
        do {
            spoken = try SpeechSynthesizer.languages()
        } catch {
            throw ValidationError("espeak-ng is unavailable (\(error)); install espeak-ng and libespeak-ng1")
        }
        var rows = spoken.compactMap { entry -> Row? in
            guard let tag = try? LanguageTag(parsing: entry.tag) else { return nil }
            return row(tag, voice: entry.voice)
        }
        if !tags.isEmpty {
            var picked: [Row] = []
            for text in tags {
                let tag: LanguageTag
                do { tag = try LanguageTag(parsing: text) } catch { throw ValidationError("language \(error.description)") }
                guard let voice = SpeechSynthesizer.voice(forLanguage: tag.description) else {
                    throw ValidationError("espeak-ng on this machine has no voice for '\(tag)' (\(tag.englishName)); `tiktok-ai languages` lists those it has")
                }
                picked.append(row(tag, voice: voice))
            }
            rows = picked
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
            return
        }
        print("TAG".padded(12) + "LANGUAGE".padded(28) + "VOICE".padded(16) + "SCRIPT".padded(12) + "CAPTION FONT")
        for row in rows {
            let font = row.font + (row.fontInstalled ? "" : " (not installed: make deps)")
            print(row.tag.padded(12) + "\(row.name) · \(row.nativeName)".padded(28) + row.voice.padded(16) + row.script.padded(12) + font)
        }
        let missing = rows.filter { !$0.fontInstalled }.count
        print("\(rows.count) languages; the offline planner writes en only, others need their own scenes or a chat model"
            + (missing > 0 ? "; \(missing) lack their caption font" : ""))
    }

    private func row(_ tag: LanguageTag, voice: String) -> Row {
        let style = CaptionStyle.forPack(NichePack.named(NichePack.defaultID)!, width: 1080, height: 1920, language: tag)
        let face = style.fonts.primary
        return Row(tag: tag.description, name: tag.englishName, nativeName: tag.nativeName, voice: voice,
                   script: tag.script?.name ?? tag.likelyScriptCode ?? "?", font: face.family,
                   fontInstalled: face.file.map { FileManager.default.fileExists(atPath: $0.path) } ?? false,
                   rightToLeft: tag.script?.isRightToLeft ?? false, plansOffline: tag.isEnglish)
    }
}

extension String {
    /// Left-aligned in a column of `width` characters (at least one space after).
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
