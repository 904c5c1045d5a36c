import EspeakSpeech
import Foundation
import Languages
import Providers
import Testing

/// Videos in the viewer's own language: the examples in ten languages and six scripts render
/// offline, with captions and on-screen text in the language's script and nothing of English, and
/// the words of Chinese and Thai highlighted while they are spoken.
@Suite("render in every language", .serialized)
struct LanguageRenderTests {
    static let examples = CLIHarness.packageRoot.appending(path: "examples/languages")

    /// Renders `examples/languages/<language>.json` into a fresh folder under `work`.
    static func renderExample(_ language: String, in work: URL) throws -> (out: URL, result: (status: Int32, stdout: String, stderr: String)) {
        let text = try String(contentsOf: examples.appending(path: "\(language).json"), encoding: .utf8)
        return try ChatPlanRenderTests.render(text, in: work.appending(path: language), environment: [:])
    }

    /// One `Dialogue` line of an ASS file.
    struct Dialogue {
        var style: String
        var start: Double
        var end: Double
        var text: String
        /// The text without override tags, direction marks or line breaks: what is read.
        var plain: String {
            text.replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: "\\N", with: " ").replacingOccurrences(of: "\u{200F}", with: "")
        }
    }

    static func dialogues(_ ass: URL) throws -> [Dialogue] {
        func seconds(_ stamp: Substring) -> Double {
            let parts = stamp.split(separator: ":").compactMap { Double($0) }
            return parts.count == 3 ? parts[0] * 3600 + parts[1] * 60 + parts[2] : -1
        }
        return try String(contentsOf: ass, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Dialogue: ") else { return nil }
            let fields = line.dropFirst("Dialogue: ".count).split(separator: ",", maxSplits: 9, omittingEmptySubsequences: false)
            guard fields.count == 10 else { return nil }
            return Dialogue(style: String(fields[3]), start: seconds(fields[1]), end: seconds(fields[2]), text: String(fields[9]))
        }
    }

    /// Words of the script library and its calls to action, which must never reach a video in another language.
    static let englishTemplateWords = ["THINGS", "KNOWING", "EXPLAINED", "FOLLOW", "MYTH", "FACT", "ABOUT", "WHY", "HERE"]

    @Test("ten languages with their own scenes render, every caption and overlay in their script, nothing in English",
          arguments: ["de", "es", "ru", "ar", "he", "hi", "th", "zh", "ja", "ko"])
    func exampleRendersInItsScript(language: String) throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "languages-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let (out, result) = try Self.renderExample(language, in: work)
        #expect(result.status == 0, "\(language): \(result.stderr.suffix(600))")
        #expect(FileManager.default.fileExists(atPath: out.appending(path: "video.mp4").path))

        let tag = try LanguageTag(parsing: language)
        let script = try #require(tag.script)
        let dialogues = try Self.dialogues(out.appending(path: "captions.ass"))
        #expect(dialogues.contains { $0.style == "Title" }, "\(language): no title card")
        #expect(dialogues.filter { $0.style == "Default" }.count >= 10, "\(language): few caption events")
        for dialogue in dialogues {
            let plain = dialogue.plain
            #expect(Script.dominant(in: plain) == script || (script == .han && Script.dominant(in: plain).map { [.hiragana, .katakana].contains($0) } == true),
                    "\(language) \(dialogue.style): '\(plain)' is not in \(script.name)")
            if script != .latin {
                #expect(!plain.contains { $0.isASCII && $0.isLetter }, "\(language) \(dialogue.style): Latin letters in '\(plain)'")
            }
            for word in Self.englishTemplateWords {
                #expect(!plain.uppercased().split(whereSeparator: { !$0.isLetter }).contains { $0 == word },
                        "\(language) \(dialogue.style): '\(word)' in '\(plain)'")
            }
        }
        // Each highlighted word is whole: the highlight tags wrap words, never a part of one.
        let words = Set(try #require(CLIHarness.readJSON(out.appending(path: "timings.json"))?["words"] as? [[String: Any]])
            .compactMap { $0["text"] as? String }.map { TextCasing.uppercased($0, language: tag) })
        for dialogue in dialogues where dialogue.style == "Default" {
            // From the highlight colour to the colour's reset, faces switched inside it included.
            guard let open = dialogue.text.range(of: "{\\1c"),
                  let close = dialogue.text.range(of: "{\\1c", range: open.upperBound..<dialogue.text.endIndex) else {
                Issue.record("\(language): no highlighted word in \(dialogue.text)")
                continue
            }
            let lit = String(dialogue.text[open.lowerBound..<close.lowerBound])
                .replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
            let next = dialogue.text[close.lowerBound...].replacingOccurrences(of: #"\{[^}]*\}"#, with: "", options: .regularExpression)
            // Punctuation in another face follows the reset ("לבבות" + "."): it is the word's own.
            let punctuation = String(next.prefix { $0.isPunctuation })
            #expect(words.contains(lit) || words.contains(lit + punctuation), "\(language): the highlight '\(lit)' is not a spoken word")
        }
        let style = try #require(String(contentsOf: out.appending(path: "captions.ass"), encoding: .utf8)
            .split(separator: "\n").first { $0.hasPrefix("Style: Default,") })
        let expectedFont = script == .latin ? "League Spartan Black" : (script == .cyrillic ? "Noto Sans" : "Noto Sans")
        #expect(style.contains("Default,\(expectedFont)"), "\(language): \(style)")
        #expect(style.hasSuffix(script.isRightToLeft ? ",-1" : ",1"), "\(language): \(style)")

        let export = try #require(CLIHarness.readJSON(out.appending(path: "export.json")))
        let caption = try #require(export["caption"] as? String)
        #expect(!caption.contains("Follow"), "\(language): \(caption)")
        #expect(export["language"] as? String == language)
    }

    /// The interval espeak-ng spoke a run of characters in, from its finest events for the text:
    /// word events (each lasting until the next one starts, the last until the clause ends), or the
    /// phoneme events where no word event covers the characters.
    static func spokenInterval(_ span: Range<Int>, events: [EngineEvent]) -> ClosedRange<Double>? {
        let words = events.filter { $0.kind == .word && $0.length > 0 }
        let clauseEnd = events.filter { $0.kind == .clauseEnd }.map(\.seconds).max() ?? (events.map(\.seconds).max() ?? 0)
        var covering: [ClosedRange<Double>] = []
        for (index, event) in words.enumerated() {
            let covers = (event.position - 1)..<(event.position - 1 + event.length)
            guard covers.overlaps(span) else { continue }
            let end = words[(index + 1)...].first { $0.seconds > event.seconds }?.seconds ?? clauseEnd
            covering.append(event.seconds...max(event.seconds, end))
        }
        if covering.isEmpty {
            let sounds = events.filter { $0.kind == .phoneme && span.contains($0.position - 1) }.map(\.seconds)
            guard let first = sounds.min(), let last = sounds.max() else { return nil }
            return first...last
        }
        return covering.map(\.lowerBound).min()!...covering.map(\.upperBound).max()!
    }

    @Test("Chinese and Thai: each word group is on screen while espeak-ng speaks it", arguments: ["zh", "th"])
    func wordGroupsAreShownWhileSpoken(language: String) throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "segmented-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let (out, result) = try Self.renderExample(language, in: work)
        #expect(result.status == 0, "\(result.stderr.suffix(600))")
        let project = try #require(CLIHarness.readJSON(out.appending(path: "project.json")))
        let narrations = try #require(project["scenes"] as? [[String: Any]]).compactMap { $0["narration"] as? String }
        let timings = try #require(CLIHarness.readJSON(out.appending(path: "timings.json")))
        let scenes = try #require(timings["scenes"] as? [[String: Any]])
        let voice = try #require(SpeechSynthesizer.voice(forLanguage: language))

        // The same speech again, for espeak-ng's own events (the engine is deterministic).
        struct Scene { var offset: Double; var tokens: [SpeechText.Token]; var events: [EngineEvent] }
        let spoken = try zip(narrations, scenes).map { narration, scene in
            let speech = try SpeechSynthesizer.synthesize(narration, voice: voice, wordsPerMinute: 150)
            return Scene(offset: scene["speechStart"] as? Double ?? 0, tokens: SpeechText.tokens(ofNormalized: speech.text), events: speech.events)
        }

        // Groups: runs of caption events showing the same words.
        let captions = try Self.dialogues(out.appending(path: "captions.ass")).filter { $0.style == "Default" }
        var groups: [[Dialogue]] = []
        for dialogue in captions {
            if let last = groups.last?.last, last.plain == dialogue.plain, abs(last.end - dialogue.start) < 0.02 {
                groups[groups.count - 1].append(dialogue)
            } else {
                groups.append([dialogue])
            }
        }
        #expect(groups.count >= 6, "\(language): \(groups.count) word groups")

        var scene = 0
        var cursor = 0
        var checked = 0
        for group in groups {
            let letters = group[0].plain.filter { !$0.isWhitespace }
            // Find the tokens the group shows, from where the previous group ended.
            var span: Range<Int>?
            while scene < spoken.count {
                let tokens = spoken[scene].tokens
                var joined = ""
                var end = cursor
                while end < tokens.count && joined.count < letters.count {
                    joined += tokens[end].text
                    end += 1
                }
                if joined == letters, end > cursor {
                    span = tokens[cursor].scalarOffset..<(tokens[end - 1].scalarOffset + tokens[end - 1].scalarCount)
                    cursor = end
                    break
                }
                scene += 1
                cursor = 0
            }
            let found = try #require(span, "\(language): the group '\(letters)' is not the next words of the narration")
            let interval = try #require(Self.spokenInterval(found, events: spoken[scene].events), "no events for '\(letters)'")
            let spokenFrom = interval.lowerBound + spoken[scene].offset
            let spokenTo = interval.upperBound + spoken[scene].offset
            let tolerance = 0.02
            // Every word's highlight but the last's lies within the speech; the last one is held on
            // screen through the pause after it (ASSCaptionWriter.holdAcrossPause), so it starts inside.
            for dialogue in group {
                #expect(dialogue.start >= spokenFrom - tolerance && dialogue.start <= spokenTo + tolerance,
                        "\(language) '\(letters)': a highlight starts at \(dialogue.start), outside \(spokenFrom)…\(spokenTo)")
            }
            for dialogue in group.dropLast() {
                let middle = (dialogue.start + dialogue.end) / 2
                #expect(middle >= spokenFrom - tolerance && middle <= spokenTo + tolerance,
                        "\(language) '\(letters)': a highlight's midpoint \(middle) is outside \(spokenFrom)…\(spokenTo)")
            }
            let shown = (group.first!.start + group.last!.end) / 2
            #expect(shown >= spokenFrom - tolerance && shown <= spokenTo + tolerance, "\(language) '\(letters)': group midpoint \(shown)")
            #expect(group.first!.start >= spokenFrom - tolerance && group.first!.start < spokenTo,
                    "\(language) '\(letters)': shown from \(group.first!.start), spoken \(spokenFrom)…\(spokenTo)")
            checked += 1
        }
        #expect(checked == groups.count)
    }

    @Test("a German topic with no chat model fails at read time naming the fix; German scenes give German captions, title and metadata")
    func germanNeedsItsOwnScenesOffline() throws {
        let work = FileManager.default.temporaryDirectory.appending(path: "german-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let (failed, refused) = try ChatPlanRenderTests.render(#"{"topic": "Warum Oktopusse drei Herzen haben", "language": "de"}"#,
                                                               in: work.appending(path: "topic"), environment: [:])
        #expect(refused.status != 0)
        let status = try #require(CLIHarness.readJSON(failed.appending(path: "status.json")))
        let error = try #require(status["error"] as? [String: Any])
        let message = try #require(error["message"] as? String)
        #expect(message.contains("language 'de': the offline planner writes English only"), "\(message)")
        #expect(message.contains("\"scenes\"") && message.contains("OPENAI_API_KEY") && message.contains("PROVIDER_PLAN=openai"), "\(message)")
        #expect(error["retryable"] as? Bool == false && (status["steps"] as? [Any])?.isEmpty == true)
        #expect(!FileManager.default.fileExists(atPath: failed.appending(path: "plan.json").path))

        let (out, result) = try Self.renderExample("de", in: work)
        #expect(result.status == 0, "\(result.stderr.suffix(600))")
        let dialogues = try Self.dialogues(out.appending(path: "captions.ass"))
        #expect(dialogues.first { $0.style == "Title" }?.plain == "DREI HERZEN, BLAUES BLUT!")
        #expect(dialogues.filter { $0.style == "Label" }.map(\.plain) == ["DREI HERZEN", "PAUSE BEIM SCHWIMMEN", "BLAUES BLUT"])
        let captions = dialogues.filter { $0.style == "Default" }.map(\.plain).joined(separator: " ")
        #expect(captions.contains("OKTOPUS") && captions.contains("GRÖSSER"), "\(captions)")
        let export = try #require(CLIHarness.readJSON(out.appending(path: "export.json")))
        #expect(export["title"] as? String == "Warum Oktopusse drei Herzen haben")
        #expect(export["caption"] as? String == "Drei Herzen, blaues Blut!")
        #expect(export["hashtags"] as? [String] == ["oktopus", "meeresbiologie", "fyp"])
        let plan = try #require(CLIHarness.readJSON(out.appending(path: "plan.json")))
        #expect((plan["warnings"] as? [String] ?? []).allSatisfy { !$0.contains("offline planner writes English") })
    }

    @Test("languages lists what espeak-ng speaks with its script and face; an unknown or unspoken language is refused by name")
    func languagesCommandAndReadTimeChecks() throws {
        let listed = try CLIHarness.run(CLIHarness.binary.path, ["languages", "de", "zh", "ar", "pt-BR", "--json"])
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["voice"] as? String } == ["de", "cmn", "ar", "pt-br"])
        #expect(rows.map { $0["script"] as? String } == ["Latin", "Han", "Arabic", "Latin"])
        #expect(rows.map { $0["font"] as? String } == ["League Spartan Black", "Noto Sans CJK SC", "Noto Sans Arabic", "League Spartan Black"])
        #expect(rows.allSatisfy { $0["fontInstalled"] as? Bool == true })
        let all = try CLIHarness.run(CLIHarness.binary.path, ["languages"])
        #expect(all.status == 0 && all.stdout.split(separator: "\n").count > 80, "\(all.stdout.suffix(300))")
        #expect(all.stdout.contains("zh ") && all.stdout.contains("Noto Sans Thai"))

        let unknown = try CLIHarness.run(CLIHarness.binary.path, ["languages", "xx"])
        #expect(unknown.status != 0 && unknown.stderr.contains("'xx'"), "\(unknown.stderr)")

        let work = FileManager.default.temporaryDirectory.appending(path: "language-checks-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: work) }
        let (_, bad) = try ChatPlanRenderTests.render(#"{"topic": "t", "language": "xx"}"#, in: work.appending(path: "xx"), environment: [:])
        #expect(bad.status == 65 && bad.stderr.contains("language") && bad.stderr.contains("'xx'"), "\(bad.status) \(bad.stderr)")
        let (_, unspoken) = try ChatPlanRenderTests.render(#"{"topic": "Ẹja", "language": "yo", "scenes": [{"narration": "Ẹja ni."}]}"#,
                                                           in: work.appending(path: "yo"), environment: [:])
        #expect(unspoken.status != 0 && unspoken.stderr.contains("espeak-ng on this machine has no voice for 'yo'"), "\(unspoken.stderr)")
    }
}
