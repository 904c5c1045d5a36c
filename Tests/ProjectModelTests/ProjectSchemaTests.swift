import Foundation
import Testing
@testable import ProjectModel

/// `docs/project.schema.json` against ``ProjectFileParser``: the same fields, enums and limits, and the
/// same verdict on real and made-up projects, so the schema editors use cannot drift from the parser.
@Suite("Project schema")
struct ProjectSchemaTests {
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../..").standardizedFileURL

    let schema: JSONValue
    let validator: SchemaValidator

    init() throws {
        schema = try StrictJSONParser.parse(Data(contentsOf: Self.repository.appending(path: "docs/project.schema.json")))
        validator = SchemaValidator(schema: schema)
    }

    // MARK: Fields, enums and limits

    @Test func propertiesAreTheParsersFields() throws {
        #expect(try keys(at: "") == ProjectFileParser.projectFields)
        #expect(try keys(at: "scenes[]") == ProjectFileParser.sceneFields)
        #expect(try keys(at: "render") == ProjectFileParser.renderFields)
        #expect(try keys(at: "render.captions") == ProjectFileParser.captionFields)
        #expect(try keys(at: "providers") == ProjectFileParser.providerFields)
    }

    @Test func everyObjectRefusesUnknownFieldsAndEveryPropertyIsDescribed() {
        var objects: [String] = []
        for (path, node) in allNodes() + [("", schema)] where node["properties"] != nil {
            // An `anyOf` branch (no type of its own) only constrains fields its object declares.
            guard node["type"] != nil else {
                if case .object(let constrained)? = node["properties"] {
                    #expect(Set(constrained.keys).isSubset(of: (try? keys(at: path)) ?? []), "\(path): a branch names undeclared fields")
                }
                continue
            }
            objects.append(path)
            #expect(node["additionalProperties"] == .bool(false), "\(path) allows unknown fields")
        }
        #expect(objects.sorted() == ["", "providers", "render", "render.captions", "scenes[]"])
        for (path, node) in declaredProperties() {
            guard case .string(let description)? = node["description"] else { Issue.record("\(path) has no description"); continue }
            #expect(description.count >= 10, "\(path): description '\(description)'")
        }
    }

    @Test func enumsAreTheParsersEnums() {
        let expected: [String: [[String]]] = [
            "niche": [NichePack.ids],
            "tempo": [Tempo.allCases.map(\.rawValue)],
            "scriptTemplate": [ScriptTemplate.allCases.map(\.rawValue)],
            "stopAfter": [ProjectFile.StopPoint.allCases.map(\.rawValue)],
            "scenes[].effect": [MotionEffect.allCases.map(\.rawValue)],
            "providers.plan": [ProviderChoices.PlanProvider.allCases.map(\.rawValue)],
            "providers.voice": [ProviderChoices.VoiceProvider.allCases.map(\.rawValue)],
            "providers.align": [ProviderChoices.AlignProvider.allCases.map(\.rawValue)],
            "providers.images": [ProviderChoices.ImagesProvider.allCases.map(\.rawValue)],
            "music": [["none"], MusicMood.all],
            // A string or a one-name list may be a keyword; a longer list names transitions only.
            "render.transitions": [ProjectFileParser.transitionChoices],
            "render.transitions[]": [ProjectFileParser.transitionChoices, ProjectFile.RenderOptions.transitionNames],
        ]
        var found: [String: [[String]]] = [:]
        for (path, node) in allNodes() {
            guard case .array(let values)? = node["enum"] else { continue }
            // null is in a nullable field's enum so that null stays allowed; it is not a choice.
            found[path, default: []].append(values.compactMap { if case .string(let text) = $0 { text } else { nil } })
        }
        #expect(Set(found.keys) == Set(expected.keys))
        for (path, lists) in expected {
            #expect(found[path]?.map { $0.sorted() } == lists.map { $0.sorted() }, "\(path)")
        }
    }

    @Test func numericRangesAreTheParsersRanges() {
        let expected: [String: ClosedRange<Double>] = [
            "targetSeconds": Self.doubles(ProjectFileParser.targetSecondsRange),
            "priority": Self.doubles(ProjectFileParser.priorityRange),
            "maxCostUsd": ProjectFileParser.maxCostRange,
            "scenes[].seconds": ProjectFileParser.sceneSecondsRange,
            "render.fps": Self.doubles(ProjectFileParser.fpsRange),
            "render.tailSeconds": ProjectFileParser.tailSecondsRange,
            "render.transitionSeconds": ProjectFileParser.transitionSecondsRange,
            "render.captions.fontSize": Self.doubles(ProjectFileParser.fontSizeRange),
            "render.captions.maxWordsPerLine": Self.doubles(ProjectFileParser.maxWordsPerLineRange),
        ]
        var found: [String: ClosedRange<Double>] = [:]
        for (path, node) in allNodes() where node["minimum"] != nil || node["maximum"] != nil {
            guard case .number(let low)? = node["minimum"], case .number(let high)? = node["maximum"] else {
                Issue.record("\(path) has only one bound")
                continue
            }
            found[path] = low...high
        }
        #expect(found == expected)
    }

    @Test func namedLimitsAreTheParsersLimits() throws {
        #expect(try node(at: "topic")["maxLength"] == .number(Double(ProjectFileParser.maxTopicCharacters)))
        #expect(try node(at: "scenes[].narration")["maxLength"] == .number(Double(ProjectFileParser.maxNarrationCharacters)))
        #expect(try node(at: "scenes")["minItems"] == .number(1))
        #expect(try node(at: "scenes")["maxItems"] == .number(Double(ProjectFileParser.maxScenes)))
    }

    @Test func fileExtensionsAreTheParsersExtensions() throws {
        #expect(try extensions(inPattern: node(at: "scenes[].image")) == ProjectFileParser.imageExtensions)
        #expect(try extensions(inPattern: node(at: "scenes[].video")) == ProjectFileParser.videoExtensions)
        #expect(try extensions(inPattern: node(at: "voiceover")) == ProjectFileParser.audioExtensions)
        let musicFile = allNodes().first { $0.path == "music" && $0.node["description"] == .string("An audio file.") }?.node
        #expect(try extensions(inPattern: #require(musicFile)) == ProjectFileParser.audioExtensions)
    }

    // MARK: The same verdict

    @Test func schemaAndParserAgreeOnEveryExampleAndBatchLine() throws {
        let examples = Self.repository.appending(path: "examples")
        let files = try FileManager.default.contentsOfDirectory(at: examples, includingPropertiesForKeys: nil)
            + FileManager.default.contentsOfDirectory(at: examples.appending(path: "languages"), includingPropertiesForKeys: nil)
        var count = 0
        for file in files where file.pathExtension == "json" {
            try expectAgreement(String(decoding: Data(contentsOf: file), as: UTF8.self), accepted: true, file.lastPathComponent)
            count += 1
        }
        let batch = try String(decoding: Data(contentsOf: examples.appending(path: "nightly-batch.jsonl")), as: UTF8.self)
        for (index, line) in batch.split(separator: "\n").enumerated() where !line.allSatisfy(\.isWhitespace) {
            try expectAgreement(String(line), accepted: true, "nightly-batch.jsonl line \(index + 1)")
            count += 1
        }
        #expect(count >= 16)
    }

    @Test(arguments: Self.handWritten)
    func schemaAndParserAgreeOnHandWrittenProjects(json: String, accepted: Bool) throws {
        try expectAgreement(json, accepted: accepted, json)
    }

    /// Each bound, and one step past it, for every number the schema limits.
    @Test func schemaAndParserAgreeAtEveryNumericBound() throws {
        var probed = 0
        for (path, node) in allNodes() {
            guard case .number(let low)? = node["minimum"], case .number(let high)? = node["maximum"] else { continue }
            let isInteger = node["type"] == .array(["integer", .null]) || node["type"] == "integer"
            let step = isInteger ? 1.0 : 0.001
            for value in [low, high, low - step, high + step, (low + high) / 2] {
                try expectAgreement(project(path, .number(value)), "\(path) = \(value)")
            }
            probed += 1
        }
        #expect(probed == 9)
    }

    /// A string of the longest allowed length, and one character more, for every string the schema limits.
    @Test func schemaAndParserAgreeAtEveryMaxLength() throws {
        let a = { (count: Int) in String(repeating: "a", count: max(0, count)) }
        let fillers: [String: (Int) -> String] = [
            "topic": a, "voice": a, "visualStyle": a, "hook": a, "seoKeywords[]": a,
            "scenes[].narration": a, "scenes[].onScreenText": a, "scenes[].visual": a,
            "language": Self.longLanguageTag,
            "scenes[].image": { a($0 - 4) + ".png" },
            "scenes[].video": { a($0 - 4) + ".mp4" },
            "voiceover": { a($0 - 4) + ".wav" },
            "music": { a($0 - 4) + ".mp3" },
        ]
        var limited: Set<String> = []
        for (path, node) in allNodes() {
            guard case .number(let most)? = node["maxLength"] else { continue }
            limited.insert(path)
            guard let fill = fillers[path] else { continue }
            for length in [Int(most), Int(most) + 1] {
                let value = path.hasSuffix("[]") ? JSONValue.array([.string(fill(length))]) : .string(fill(length))
                // `seoKeywords[]` is an item of `seoKeywords`.
                let field = path.hasSuffix("[]") ? String(path.dropLast(2)) : path
                try expectAgreement(project(field, value), accepted: length == Int(most), "\(path) of \(length) characters")
            }
        }
        #expect(limited == Set(fillers.keys))
    }

    /// Every field given a value of every JSON type: null (the same as leaving it out), the wrong types, the right one.
    @Test func schemaAndParserAgreeOnEveryTypeOfEveryField() throws {
        let values: [JSONValue] = [.null, .bool(true), .number(20), .number(0.5), "x", .array([]), .array(["x"]), .object([:])]
        let fields = declaredProperties().map(\.path)
        #expect(fields.count == ProjectFileParser.projectFields.count + ProjectFileParser.sceneFields.count
            + ProjectFileParser.renderFields.count + ProjectFileParser.captionFields.count + ProjectFileParser.providerFields.count)
        for field in fields {
            for value in values { try expectAgreement(project(field, value), "\(field) = \(value)") }
        }
    }

    @Test func schemaAndParserAgreeOnEveryFrameSize() throws {
        for side in 200...4200 {
            try expectAgreement(project("render.size", .string("\(side)x1920")), "width \(side)")
            try expectAgreement(project("render.size", .string("1080x\(side)")), "height \(side)")
        }
        try expectAgreement(project("render.size", .string("1080x1920")), accepted: true, "the default")
    }

    @Test func schemaAndParserAgreeOnStringChoices() throws {
        let probes: [String: [JSONValue]] = [
            "topic": ["x", " x ", "   ", "\n\t", ""],
            "language": ["en", "pt-BR", "zh_Hant", "es-419", "sr-Latn-RS", "de-CH-1996", "english", "e", "en-", "en-a", "abcd",
                         "de-Latn-Latn", "zh-Hant-TW-", "de_1"],
            "voice": ["en-us", "en+f3", "a_b", "en us", ""],
            "music": ["none", "calm", "epic", "lofi", "my-mood_2", "Lofi", .string(String(repeating: "m", count: 40)),
                      .string(String(repeating: "m", count: 41)), "a.b", "tracks/x.mp3", "x.MP3", "/x.mp3", "../x.mp3", "", "dark mood"],
            "scenes[].narration": ["a", "1", "é", "Hello.", "...", "!!", " ", "😀"],
            "niche": (NichePack.ids + ["Facts", "cooking"]).map { .string($0) },
            "scenes[].effect": (MotionEffect.allCases.map(\.rawValue) + ["zoom"]).map { .string($0) },
        ]
        for (path, values) in probes {
            for value in values { try expectAgreement(project(path, value), "\(path) = \(value)") }
        }
        for color in ["primaryColor", "highlightColor", "outlineColor"] {
            for value: JSONValue in ["#FFD700", "ffd700", "#FFF", "FFF", "gold", "#GGGGGG", "#FFD7000", "##FFD700"] {
                try expectAgreement(project("render.captions.\(color)", value), "\(color) = \(value)")
            }
        }
    }

    @Test func schemaAndParserAgreeOnFileExtensions() throws {
        let candidates = ProjectFileParser.imageExtensions.union(ProjectFileParser.audioExtensions)
            .union(ProjectFileParser.videoExtensions).union(["gif", "avi", "txt", ""])
        for ext in candidates {
            for name in ["media/a.\(ext)", "media/a.\(ext.uppercased())", "a.\(ext)"] {
                for path in ["scenes[].image", "scenes[].video", "voiceover", "music"] {
                    try expectAgreement(project(path, .string(name)), "\(path) = \(name)")
                }
            }
        }
    }

    @Test func schemaAndParserAgreeOnPathSafety() throws {
        for (path, ext) in [("scenes[].image", "png"), ("scenes[].video", "mov"), ("voiceover", "wav"), ("music", "mp3")] {
            for name in ["/a", "~/a", "../a", "a/../b", "a/..", "a//../b", "./a", "a/..b", "..a", "a/b/c", "a b"] {
                try expectAgreement(project(path, .string("\(name).\(ext)")), "\(path) = \(name).\(ext)")
            }
        }
    }

    @Test func schemaAndParserAgreeOnLists() throws {
        let names = ProjectFile.RenderOptions.transitionNames
        var transitions: [JSONValue] = (names + ["auto", "none", "swirl"]).flatMap { name -> [JSONValue] in
            [.string(name), .array([.string(name)]), .array([.string(name), .string("fade")])]
        }
        transitions += [.array([]), .array(Array(repeating: .string("fade"), count: 40)), .array(Array(repeating: .string("fade"), count: 41))]
        for value in transitions { try expectAgreement(project("render.transitions", value), "transitions = \(value)") }

        let keyword = JSONValue.string("word")
        for value: JSONValue in [.array([]), .array([keyword]), .array(Array(repeating: keyword, count: 30)),
                                 .array(Array(repeating: keyword, count: 31)), .array([.number(1)]), "a, b", .number(5)] {
            try expectAgreement(project("seoKeywords", value), "seoKeywords = \(value)")
        }

        let scene = JSONValue.object(["narration": "Hi."])
        for count in [0, 1, 40, 41] {
            try expectAgreement(project("scenes", .array(Array(repeating: scene, count: count))), "\(count) scenes")
        }
    }

    /// Projects written to hit one rule each, and whether the parser accepts them.
    static let handWritten: [(json: String, accepted: Bool)] = [
        // Accepted.
        (#"{"topic": "Why octopuses have three hearts"}"#, true),
        (#"{"scenes": [{"narration": "Hello there."}]}"#, true),
        (#"{"topic": null, "scenes": [{"narration": "Hello there."}]}"#, true),
        (#"{"topic": "t", "niche": null, "render": null, "seoKeywords": null}"#, true),
        (#"{"topic": "t", "niche": "horror", "targetSeconds": 30.0, "tempo": "fast", "voice": "en+f3", "language": "pt-BR", "scriptTemplate": "storytime", "priority": -1000, "stopAfter": "plan", "hook": "Listen.", "seoKeywords": "a, b", "visualStyle": "grainy", "voiceover": "audio/take 2.WAV", "music": "lofi-beats"}"#, true),
        (#"{"topic": "t", "seoKeywords": []}"#, true),
        (#"{"topic": "t", "providers": {"plan": "openai", "voice": "elevenlabs", "align": "speech", "images": "pexels"}, "maxCostUsd": 0.5}"#, true),
        (#"{"topic": "t", "providers": {}, "maxCostUsd": 0}"#, true),
        (#"{"topic": "t", "providers": {"voice": "azure"}}"#, false),
        (#"{"topic": "t", "providers": {"music": "generated"}}"#, false),
        (#"{"topic": "t", "providers": "openai"}"#, false),
        (#"{"topic": "t", "maxCostUsd": -1}"#, false),
        (#"{"topic": "t", "music": "tracks/Night Drive.mp3"}"#, true),
        (#"{"topic": "t", "scenes": [{"narration": "One.", "onScreenText": "1", "visual": "a cat", "image": "img/a.JPEG", "effect": "static", "seconds": 1}]}"#, true),
        (##"{"topic": "t", "render": {"size": "720x1280", "fps": 60, "tailSeconds": 0, "transitions": ["wipeleft", "circleopen"], "transitionSeconds": 1.5, "captions": {"primaryColor": "FFFFFF", "outlineColor": "#000000", "fontSize": 160, "maxWordsPerLine": 1, "enabled": false}}}"##, true),
        (#"{"topic": "t", "render": {"transitions": ["auto"]}}"#, true),
        (#"{"topic": "t", "scenes": [{"narration": "One.", "video": "clips/waves.MP4", "effect": "fade"}, {"narration": "Two.", "image": "b.png"}]}"#, true),
        (#"{"topic": "t", "scenes": [{"narration": "One.", "image": null, "video": "a.webm"}, {"narration": "Two.", "image": "b.png", "video": null}]}"#, true),
        // Refused.
        (#"{"topic": "t", "tpoic": "x"}"#, false),
        (#"{"$schema": "project.schema.json", "topic": "t"}"#, false),
        (#"{}"#, false),
        (#"{"topic": null}"#, false),
        (#"{"topic": "   "}"#, false),
        (#"{"topic": 5}"#, false),
        (#"[{"topic": "t"}]"#, false),
        (#"{"topic": "t", "targetSeconds": "60"}"#, false),
        (#"{"topic": "t", "targetSeconds": 30.5}"#, false),
        (#"{"topic": "t", "targetSeconds": 14}"#, false),
        (#"{"topic": "t", "priority": 1001}"#, false),
        (#"{"topic": "t", "niche": "cooking"}"#, false),
        (#"{"topic": "t", "tempo": "quick"}"#, false),
        (#"{"topic": "t", "stopAfter": "render"}"#, false),
        (#"{"topic": "t", "scriptTemplate": "top10"}"#, false),
        (#"{"topic": "t", "language": "english"}"#, false),
        (#"{"topic": "t", "voice": "en us"}"#, false),
        (#"{"topic": "t", "scenes": []}"#, false),
        (#"{"topic": "t", "scenes": "one"}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "seconds": 61}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "..."}]}"#, false),
        (#"{"topic": "t", "scenes": [{"text": "a"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"onScreenText": "no narration"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": null}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "effect": "spin"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "../etc/passwd.png"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "/abs.png"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "~/a.png"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "pic.gif"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "image": "a.png", "video": "a.mp4"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "video": "clip.avi"}]}"#, false),
        (#"{"topic": "t", "scenes": [{"narration": "a", "video": "../clip.mp4"}]}"#, false),
        (#"{"topic": "t", "voiceover": "a/../../b.wav"}"#, false),
        (#"{"topic": "t", "voiceover": "voice.png"}"#, false),
        (#"{"topic": "t", "music": "Polka Party!"}"#, false),
        (#"{"topic": "t", "music": "../music/a.mp3"}"#, false),
        (#"{"topic": "t", "render": {"size": "1081x1920"}}"#, false),
        (#"{"topic": "t", "render": {"fps": 14}}"#, false),
        (#"{"topic": "t", "render": {"colour": 1}}"#, false),
        (#"{"topic": "t", "render": {"transitions": ["fade", "none"]}}"#, false),
        (#"{"topic": "t", "render": {"transitions": []}}"#, false),
        (#"{"topic": "t", "render": {"transitions": "swirl"}}"#, false),
        (#"{"topic": "t", "render": {"captions": {"highlightColor": "gold"}}}"#, false),
        (#"{"topic": "t", "render": {"captions": {"enabled": "yes"}}}"#, false),
        (#"{"topic": "t", "render": {"captions": {"font": "Arial"}}}"#, false),
        (#"{"topic": "t", "seoKeywords": [1, 2]}"#, false),
        (#"{"topic": "t", "seoKeywords": 5}"#, false),
    ]

    // MARK: Helpers

    /// A minimal accepted project with `value` placed at `path` (`render.fps`, `scenes[].image`, `topic`).
    private func project(_ path: String, _ value: JSONValue) -> JSONValue {
        let parts = path.split(separator: ".").map(String.init)
        func place(_ parts: [String], in base: [String: JSONValue]) -> JSONValue {
            var fields = base
            let name = parts[0]
            if parts.count == 1 {
                fields[name] = value
            } else if name.hasSuffix("[]") {
                fields[String(name.dropLast(2))] = .array([place(Array(parts.dropFirst()), in: ["narration": "Hi."])])
            } else {
                guard case .object(let inner)? = fields[name] else {
                    fields[name] = place(Array(parts.dropFirst()), in: [:])
                    return .object(fields)
                }
                fields[name] = place(Array(parts.dropFirst()), in: inner)
            }
            return .object(fields)
        }
        return place(parts, in: ["topic": "A topic"])
    }

    /// Parses `json` strictly, then expects the schema and the parser to give it the same verdict.
    private func expectAgreement(_ json: String, accepted expected: Bool, _ label: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try StrictJSONParser.parse(Data(json.utf8))
        try expectAgreement(value, accepted: expected, label, sourceLocation: sourceLocation)
        #expect(((try? ProjectFileParser.parse(Data(json.utf8))) != nil) == expected, "\(label): bytes", sourceLocation: sourceLocation)
    }

    /// Expects the schema and the parser to give `value` the same verdict (and `expected`, when given).
    private func expectAgreement(_ value: JSONValue, accepted expected: Bool? = nil, _ label: String,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let parserError: ProjectFileError?
        do { _ = try ProjectFileParser.parse(value); parserError = nil } catch { parserError = error }
        let violations = try validator.violations(of: value)
        let parser = parserError.map { "refuses (\($0))" } ?? "accepts"
        let schema = violations.isEmpty ? "accepts" : "refuses (\(violations.joined(separator: "; ")))"
        #expect((parserError == nil) == violations.isEmpty, "\(label): the parser \(parser), the schema \(schema)", sourceLocation: sourceLocation)
        if let expected {
            #expect((parserError == nil) == expected, "\(label): expected \(expected ? "accepted" : "refused"), the parser \(parser)",
                    sourceLocation: sourceLocation)
        }
    }

    /// A well-formed tag of a known language, exactly `length` characters long: `de` and variants.
    private static func longLanguageTag(_ length: Int) -> String {
        var tag = "de"
        var left = length - 2
        while left > 0 {
            // Variants are 5–8 characters after their hyphen; leave at least 6 for the last one.
            let size = left >= 15 || left == 9 ? 8 : (left <= 9 ? left - 1 : left - 7)
            tag += "-" + String(repeating: "v", count: size)
            left -= size + 1
        }
        return tag
    }

    private static func doubles(_ range: ClosedRange<Int>) -> ClosedRange<Double> { Double(range.lowerBound)...Double(range.upperBound) }

    /// The property schema at a path such as `render.captions` or `scenes[].image` (`""` is the root).
    private func node(at path: String) throws -> JSONValue {
        var current = schema
        for part in path.split(separator: ".") {
            let name = part.hasSuffix("[]") ? String(part.dropLast(2)) : String(part)
            current = try #require(current["properties"]?[name], "no property \(name) in \(path)")
            if part.hasSuffix("[]") { current = try #require(current["items"], "\(name) has no items") }
        }
        return current
    }

    private func keys(at path: String) throws -> Set<String> {
        guard case .object(let properties)? = try node(at: path)["properties"] else { return [] }
        return Set(properties.keys)
    }

    /// The properties the schema declares, by path, through `properties` and `items`.
    private func declaredProperties() -> [(path: String, node: JSONValue)] {
        var found: [(path: String, node: JSONValue)] = []
        func walk(_ node: JSONValue, _ path: String) {
            if case .object(let properties)? = node["properties"] {
                for (name, child) in properties {
                    let childPath = path.isEmpty ? name : "\(path).\(name)"
                    found.append((childPath, child))
                    walk(child, childPath)
                }
            }
            if let items = node["items"] { walk(items, path + "[]") }
        }
        walk(schema, "")
        return found
    }

    /// Every schema below the root, by path, `anyOf` branches (under their property's path) and items included.
    private func allNodes() -> [(path: String, node: JSONValue)] {
        var found: [(path: String, node: JSONValue)] = []
        func walk(_ node: JSONValue, _ path: String) {
            if case .object(let properties)? = node["properties"] {
                for (name, child) in properties {
                    let childPath = path.isEmpty ? name : "\(path).\(name)"
                    found.append((childPath, child))
                    walk(child, childPath)
                }
            }
            if let items = node["items"] {
                found.append((path + "[]", items))
                walk(items, path + "[]")
            }
            if case .array(let branches)? = node["anyOf"], !path.isEmpty {
                for branch in branches {
                    found.append((path, branch))
                    walk(branch, path)
                }
            }
        }
        walk(schema, "")
        return found
    }

    /// The extensions a path pattern ends with: `\.(?:[Pp][Nn][Gg]|[Mm][Pp]3)$` gives png and mp3.
    private func extensions(inPattern node: JSONValue) throws -> Set<String> {
        guard case .string(let pattern)? = node["pattern"] else { throw SchemaValidator.UnsupportedKeyword(keyword: "pattern", path: "?") }
        let group = try #require(pattern.range(of: #"\.(?:"#, options: .backwards).map { pattern[$0.upperBound...] })
        #expect(group.hasSuffix(")$"), "\(pattern)")
        return Set(group.dropLast(2).split(separator: "|").map { alternative in
            alternative.replacingOccurrences(of: #"\[(.)(.)\]"#, with: "$1", options: .regularExpression).lowercased()
        })
    }
}
