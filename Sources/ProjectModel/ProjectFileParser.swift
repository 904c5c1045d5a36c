import Languages
import Foundation

/// Turns the bytes of a project file into a ``ProjectFile``, or a ``ProjectFileError`` that names the
/// field, the rule and the value. Strict by design: a typo must not silently render a default video.
public enum ProjectFileParser {
    /// The largest project file accepted. Real projects are a few kilobytes.
    public static let maxFileBytes = 1_048_576
    public static let maxTopicCharacters = 500
    public static let maxNarrationCharacters = 2_000
    public static let maxScenes = 40
    public static let targetSecondsRange = 15...600
    public static let sceneSecondsRange = 1.0...60.0
    public static let priorityRange = -1000...1000
    public static let fpsRange = 15...60
    public static let tailSecondsRange = 0.0...10.0
    public static let transitionSecondsRange = 0.1...1.5
    /// Width and height of `render.size`, each also even (yuv420p needs even sides).
    public static let frameSideRange = 240...4096
    public static let fontSizeRange = 24...160
    public static let maxWordsPerLineRange = 1...8

    public static let imageExtensions: Set<String> = ["png", "jpg", "jpeg", "webp"]
    public static let videoExtensions: Set<String> = ["mp4", "mov", "m4v", "webm", "mkv"]
    public static let audioExtensions: Set<String> = ["wav", "mp3", "m4a", "aac", "ogg", "opus", "flac"]

    static let projectFields: Set<String> = [
        "topic", "niche", "language", "targetSeconds", "tempo", "voice", "visualStyle", "seoKeywords", "scriptTemplate",
        "priority", "stopAfter", "hook", "scenes", "voiceover", "music", "render", "providers", "maxCostUsd",
    ]
    static let sceneFields: Set<String> = ["narration", "onScreenText", "visual", "image", "video", "effect", "seconds"]
    static let providerFields: Set<String> = ["plan", "voice", "align", "images"]
    /// A cap that could not stop anything useful below a cent, and is surely a typo above this.
    public static let maxCostRange = 0.0...1000.0
    static let renderFields: Set<String> = ["size", "fps", "tailSeconds", "captions", "transitions", "transitionSeconds"]
    static let captionFields: Set<String> = ["primaryColor", "highlightColor", "outlineColor", "fontSize", "maxWordsPerLine", "enabled"]
    /// What `render.transitions` may name: the two keywords, which stand alone, and the transitions.
    static let transitionChoices = ["auto", "none"] + ProjectFile.RenderOptions.transitionNames

    /// Parses a project file's bytes: UTF-8 text holding one strict RFC 8259 JSON object
    /// (``StrictJSONParser``), then checked field by field as `parse(_ value: JSONValue)` does.
    ///
    /// A syntax error has `line` set to the JSON line and a reason starting
    /// `invalid JSON at column C: `, so it reads `line 1: invalid JSON at column 15: …`.
    public static func parse(_ data: Data) throws(ProjectFileError) -> ProjectFile {
        guard !data.isEmpty else { throw ProjectFileError("the file is empty") }
        guard data.count <= maxFileBytes else {
            throw ProjectFileError("the file is \(data.count) bytes; a project file may be at most \(maxFileBytes) bytes")
        }
        // `withUnsafeBytes` rethrows untyped errors; a `Result` carries the typed one out.
        let value = data.withUnsafeBytes { bytes in
            Result { () throws(ProjectFileError) -> JSONValue in
                try checkIsText(bytes)
                return try StrictJSONParser.parse(bytes)
            }
        }
        return try parse(value.get())
    }

    /// Binary data gets a plain message rather than a JSON syntax error somewhere in the middle.
    private static func checkIsText(_ bytes: UnsafeRawBufferPointer) throws(ProjectFileError) {
        guard UTF8Validation.isValid(bytes) else { throw ProjectFileError("the file is not UTF-8 text (binary data?)") }
        if bytes.contains(0) { throw ProjectFileError("the file contains NUL bytes (binary data?)") }
    }

    public static func parse(_ value: JSONValue) throws(ProjectFileError) -> ProjectFile {
        guard case .object(let root) = value else {
            throw ProjectFileError("a project must be a JSON object, got \(value.typeName)")
        }
        var reader = try ObjectReader(root, path: "", allowed: projectFields)
        let scenes = try reader.array("scenes") { element, path throws(ProjectFileError) in try sceneInput(element, path: path) }
        let topicValue = try reader.string("topic", maxLength: maxTopicCharacters)
        guard let topic = topicValue ?? scenes?.first?.narration.prefix(maxTopicCharacters).description else {
            throw ProjectFileError(field: "topic", "is required (or give `scenes`)")
        }
        guard !topic.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProjectFileError(field: "topic", "must not be blank")
        }
        var project = ProjectFile(topic: topic)
        if let niche = try reader.string("niche", maxLength: 40) {
            guard NichePack.named(niche) != nil else {
                throw ProjectFileError(field: "niche", "unknown niche '\(niche)'; known: \(NichePack.ids.joined(separator: ", "))")
            }
            project.niche = niche
        }
        if let language = try reader.string("language", maxLength: 35) {
            do {
                project.language = try LanguageTag(parsing: language).description
            } catch {
                throw ProjectFileError(field: "language", "\(error.description); use a BCP 47 tag such as de, pt-BR or zh-Hant (`tiktok-ai languages` lists what this machine speaks)")
            }
        }
        if let seconds = try reader.integer("targetSeconds", in: targetSecondsRange) { project.targetSeconds = seconds }
        if let tempo = try reader.enumeration("tempo", Tempo.self) { project.tempo = tempo }
        if let voice = try reader.string("voice", maxLength: 50) {
            guard voice.range(of: #"^[A-Za-z0-9_+-]+$"#, options: .regularExpression) != nil else {
                throw ProjectFileError(field: "voice", "'\(voice)' is not an espeak-ng voice name (letters, digits, + - _)")
            }
            project.voice = voice
        }
        project.visualStyle = try reader.string("visualStyle", maxLength: 200)
        project.seoKeywords = try reader.keywords("seoKeywords") ?? []
        project.scriptTemplate = try reader.enumeration("scriptTemplate", ScriptTemplate.self)
        if let priority = try reader.integer("priority", in: priorityRange) { project.priority = priority }
        project.stopAfter = try reader.enumeration("stopAfter", ProjectFile.StopPoint.self)
        project.hook = try reader.string("hook", maxLength: 300)
        project.scenes = scenes
        project.voiceover = try reader.path("voiceover", extensions: audioExtensions)
        if let music = try reader.string("music", maxLength: 300) { project.music = try musicChoice(music) }
        if let render = try reader.object("render") { project.render = try renderOptions(render) }
        if let providers = try reader.object("providers") { project.providers = try providerChoices(providers) }
        project.maxCostUsd = try reader.number("maxCostUsd", in: maxCostRange)
        try reader.rejectUnknown()
        return project
    }

    private static func providerChoices(_ fields: [String: JSONValue]) throws(ProjectFileError) -> ProviderChoices {
        var reader = try ObjectReader(fields, path: "providers", allowed: providerFields)
        let choices = ProviderChoices(
            plan: try reader.enumeration("plan", ProviderChoices.PlanProvider.self),
            voice: try reader.enumeration("voice", ProviderChoices.VoiceProvider.self),
            align: try reader.enumeration("align", ProviderChoices.AlignProvider.self),
            images: try reader.enumeration("images", ProviderChoices.ImagesProvider.self))
        try reader.rejectUnknown()
        return choices
    }

    private static func sceneInput(_ value: JSONValue, path: String) throws(ProjectFileError) -> ProjectFile.SceneInput {
        guard case .object(let fields) = value else {
            throw ProjectFileError(field: path, "expected an object, got \(value.typeName)")
        }
        var reader = try ObjectReader(fields, path: path, allowed: sceneFields)
        guard let narration = try reader.string("narration", maxLength: maxNarrationCharacters) else {
            throw ProjectFileError(field: path + ".narration", "is required")
        }
        guard narration.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw ProjectFileError(field: path + ".narration", "has nothing to say")
        }
        var scene = ProjectFile.SceneInput(narration: narration)
        scene.onScreenText = try reader.string("onScreenText", maxLength: 80)
        scene.visual = try reader.string("visual", maxLength: 1000)
        scene.image = try reader.path("image", extensions: imageExtensions)
        scene.video = try reader.path("video", extensions: videoExtensions)
        if scene.image != nil && scene.video != nil {
            throw ProjectFileError(field: path, "give an image or a video, not both")
        }
        scene.effect = try reader.enumeration("effect", MotionEffect.self)
        scene.seconds = try reader.number("seconds", in: sceneSecondsRange)
        try reader.rejectUnknown()
        return scene
    }

    private static func musicChoice(_ text: String) throws(ProjectFileError) -> ProjectFile.MusicChoice {
        if text == "none" { return .none }
        if MusicMood.all.contains(text) { return .mood(text) }
        let ext = (text as NSString).pathExtension.lowercased()
        // Any other plain name is a mood of the music library (`music/<mood>/`), checked by the music step.
        if ext.isEmpty, MusicMood.isLibraryMoodName(text) { return .mood(text) }
        guard audioExtensions.contains(ext) else {
            throw ProjectFileError(field: "music", "expected 'none', a mood (\(MusicMood.all.joined(separator: ", ")), or a folder name of the music library) or an audio file, got '\(text)'")
        }
        try checkRelativePath(text, field: "music")
        return .file(text)
    }

    private static func renderOptions(_ fields: [String: JSONValue]) throws(ProjectFileError) -> ProjectFile.RenderOptions {
        var reader = try ObjectReader(fields, path: "render", allowed: renderFields)
        var options = ProjectFile.RenderOptions()
        if let size = try reader.string("size", maxLength: 20) {
            let parts = size.split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, frameSideRange.contains(parts[0]), frameSideRange.contains(parts[1]),
                  parts[0] % 2 == 0, parts[1] % 2 == 0 else {
                throw ProjectFileError(field: "render.size", "expected WIDTHxHEIGHT with even sides from \(frameSideRange.lowerBound) to \(frameSideRange.upperBound), got '\(size)'")
            }
            options.width = parts[0]
            options.height = parts[1]
        }
        if let fps = try reader.integer("fps", in: fpsRange) { options.fps = fps }
        if let tail = try reader.number("tailSeconds", in: tailSecondsRange) { options.tailSeconds = tail }
        // "auto" (the pack's), "none" (hard cuts), one transition for every change, or a list cycled.
        if let names = try reader.names("transitions", allowed: transitionChoices) {
            if names.count > 1, let keyword = names.first(where: { $0 == "auto" || $0 == "none" }) {
                throw ProjectFileError(field: "render.transitions", "'\(keyword)' stands alone, not in a list")
            }
            switch names {
            case ["auto"]: options.transitions = nil
            case ["none"]: options.transitions = ["cut"]
            default: options.transitions = names
            }
        }
        options.transitionSeconds = try reader.number("transitionSeconds", in: transitionSecondsRange)
        if let captions = try reader.object("captions") {
            var captionReader = try ObjectReader(captions, path: "render.captions", allowed: captionFields)
            options.captions.primaryColor = try captionReader.color("primaryColor")
            options.captions.highlightColor = try captionReader.color("highlightColor")
            options.captions.outlineColor = try captionReader.color("outlineColor")
            options.captions.fontSize = try captionReader.integer("fontSize", in: fontSizeRange)
            options.captions.maxWordsPerLine = try captionReader.integer("maxWordsPerLine", in: maxWordsPerLineRange)
            if let enabled = try captionReader.bool("enabled") { options.captions.enabled = enabled }
            try captionReader.rejectUnknown()
        }
        try reader.rejectUnknown()
        return options
    }

    /// A file path may not be absolute or climb out of the folders it is resolved against.
    static func checkRelativePath(_ path: String, field: String) throws(ProjectFileError) {
        guard !path.isEmpty else { throw ProjectFileError(field: field, "must not be empty") }
        guard !path.hasPrefix("/") && !path.hasPrefix("~") else {
            throw ProjectFileError(field: field, "'\(path)' must be relative to the project file's folder or the asset root")
        }
        guard !path.split(separator: "/").contains("..") else {
            throw ProjectFileError(field: field, "'\(path)' may not leave the project's folder (no '..')")
        }
    }
}
