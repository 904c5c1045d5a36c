import JobDocuments
import Languages
import Providers
import ProjectModel

/// The offline planner: a complete plan (hooks, outline, scenes) from a project with no LLM.
///
/// A fresh machine must render with no keys, so this is the default plan provider and the fallback
/// when a chat provider fails. It follows the niche pack's pacing (scene count from the length bucket,
/// scaled for videos shorter or longer than the table's rows: ``TemplateSceneCount``), fills the
/// scenes to the word budget (target seconds × the tempo's words a minute: ``BodyScene``), and
/// writes one of four structures: the explainer, or the project's script template (top5, myth vs fact,
/// storytime). Unlike the system we rebuild it enforces the pack's allowed effects and varies them.
/// The same project always gives the same plan: every choice comes from a seed hashed from the topic,
/// niche and template (never `hashValue`, which changes per process).
public enum TemplatePlanner {
    /// A hook should be said within this many seconds (it must land in the first three).
    public static let hookSeconds = 5.0

    /// Whether the script library writes narration in `language`: English only. Another language
    /// needs its own scenes, or a chat model to plan.
    public static func writes(language: String) -> Bool {
        let primary = language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first?.lowercased() ?? ""
        return primary == "en"
    }

    public static func plan(for project: ProjectFile) -> Plan {
        if let scenes = project.scenes, !scenes.isEmpty {
            return planFromProjectScenes(project, scenes)
        }
        // Openers, myths and the call to action come in long and short forms. When the long forms
        // alone overrun the budget (a short video with a long topic), the plan is written again with
        // the short ones.
        let plan = planFromTemplates(project, shortForms: false)
        let over = plan.estimate.estimatedSeconds - Double(project.targetSeconds)
        return over > narrationTolerance(targetSeconds: project.targetSeconds)
            ? planFromTemplates(project, shortForms: true) : plan
    }

    /// The five hook options for a project, best fit first (the first is the one a plan uses).
    public static func hooks(for project: ProjectFile) -> [String] { plan(for: project).hooks }

    /// Words the narration should have in total: target seconds at the tempo's words a minute.
    public static func wordBudget(for project: ProjectFile) -> Int {
        Int((Double(project.targetSeconds) * Double(project.tempo.wordsPerMinute) / 60).rounded())
    }

    /// Seconds it takes to say `words` words at `wordsPerMinute`.
    public static func seconds(words: Int, wordsPerMinute: Int) -> Double {
        (Double(words) / Double(max(wordsPerMinute, 1)) * 60 * 10).rounded() / 10
    }

    private static func seed(_ project: ProjectFile) -> StableRandom {
        StableRandom(project.topic, project.nichePack.id, project.scriptTemplate?.rawValue ?? "explainer")
    }

    // MARK: Template plans

    private static func planFromTemplates(_ project: ProjectFile, shortForms: Bool) -> Plan {
        let pack = project.nichePack
        let pacing = pack.pacing(forTargetSeconds: project.targetSeconds)
        let wpm = project.tempo.wordsPerMinute
        let topic = TopicPhrase(project.topic)
        let template = project.scriptTemplate
        var random = seed(project)

        let sceneCount = TemplateSceneCount.scenes(forTargetSeconds: project.targetSeconds, pacing: pacing)
        let bodyCount = sceneCount - 1
        let budget = Double(wordBudget(for: project))
        let sections = Self.sections(template: template, bodyCount: bodyCount, topic: topic,
                                     bodyWords: budget - 10, shortForms: shortForms, random: &random)
        // Very short videos have only a few words a beat: shortest openers, no extra lines.
        let wordsPerBeat = Self.wordsPerBeat(bodyWords: budget - 10, bodyCount: bodyCount, sectionCount: sections.count)
        let compact = shortForms || wordsPerBeat < 14
        let hooks = makeHooks(project, topic: topic, beatCount: sections.count, random: &random)
        let ownHook = project.hook.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
        let hook = ownHook ?? hooks[0]

        let shared: [String] = switch template {
        case .storytime: ScriptLibrary.storyReflections
        case .mythVsFact, .top5, nil: ScriptLibrary.general
        }
        var writer = ScriptWriter(topic: topic, random: StableRandom(seed: random.next()), sharedPool: shared)
        writer.markUsed(hook)

        let callToAction = pickCallToAction(template: template, pack: pack, compact: compact, random: &random)
        let keywords = project.seoKeywords
            .map { collapse($0.filter { $0 != "#" }) }
            .filter { !$0.isEmpty }
            .prefix(2)
        var keywordLines = ScriptLibrary.keywordSentences
        random.shuffle(&keywordLines)
        var flavour = pack.flavourLines
        random.shuffle(&flavour)

        let hookWords = SpeechText.wordCount(hook)

        var scenes: [Plan.Scene] = []
        scenes.append(Plan.Scene(
            index: 0, narration: hook,
            onScreenText: hookOnScreenText(topic: topic, template: template),
            visual: visualPrompt(pack: pack, project: project, beat: "a bold, eye-catching opening image", topic: topic),
            image: nil, effect: pack.defaultEffect, targetSeconds: 0))

        // First what each body scene must say (openers, keyword and niche lines, the call to action)…
        let layout = SectionLayout(sections: sections.count, bodyScenes: bodyCount)
        let perScene = (budget - Double(hookWords)) / Double(bodyCount)
        var body: [BodyScene] = []
        var continuationCounts = [Int](repeating: 0, count: sections.count)
        for index in 0..<bodyCount {
            let sectionIndex = layout.section(ofScene: index)
            let section = sections[sectionIndex]
            let opened = layout.opened(byScene: index)
            var scene = BodyScene(parts: [], extra: [], closing: index == bodyCount - 1 ? callToAction : nil,
                                  label: section.label, visual: section.visual)
            if opened.isEmpty {
                // The section's own continuations first, then general transitions; none left, no opener.
                var options = random.shuffled(section.continuations)
                options += random.shuffled(ScriptLibrary.transitions)
                if compact { options.sort { SpeechText.wordCount($0) < SpeechText.wordCount($1) } }
                scene.parts = [.init(section: sectionIndex, leads: writer.firstUnusedIfAny(options).map { [$0] } ?? [])]
                let labels = section.continuationLabels
                scene.label = labels[(continuationCounts[sectionIndex] + sectionIndex) % labels.count]
                continuationCounts[sectionIndex] += 1
            } else {
                scene.parts = opened.map { opens in
                    let intro = opens == 0 ? sections[opens].intro.map { [$0] } ?? [] : []
                    return .init(section: opens, leads: intro + [sections[opens].lead])
                }
                scene.label = sections[opened[0]].label
                scene.visual = sections[opened[0]].visual
            }
            if index == 0, let keyword = keywords.first {
                let line = compact ? ScriptLibrary.shortKeywordSentence : keywordLines[0]
                scene.extra.append(writer.render(line, values: ["kw": keyword]))
            }
            if !compact, keywords.count > 1, index == max(bodyCount / 2, 1) % bodyCount {
                scene.extra.append(writer.render(keywordLines[1], values: ["kw": keywords[keywords.startIndex + 1]]))
            }
            // A niche line sets the tone once or twice, where the scene has room for it.
            if !compact, let line = flavour.first(where: { !writer.used.contains($0) }), bodyCount >= 3,
               index == 1 || (bodyCount >= 8 && index == bodyCount * 2 / 3),
               Double(writer.words(scene.fixedLines + [line])) <= perScene * 1.1 {
                writer.markUsed(line)
                scene.extra.append(line)
            }
            body.append(scene)
        }
        // … then the sentences, so that the whole lands on the budget.
        let slack = max(Int(narrationTolerance(targetSeconds: project.targetSeconds) * Double(wpm) / 60) - 1, 1)
        let narrations = BodyScene.fill(body, sections: sections, writer: &writer,
                                        bodyWords: budget - Double(hookWords), slack: slack)
        for (index, scene) in body.enumerated() {
            scenes.append(Plan.Scene(
                index: index + 1, narration: narrations[index].narration, onScreenText: scene.label,
                visual: visualPrompt(pack: pack, project: project, beat: scene.visual, topic: topic),
                image: nil, effect: pack.defaultEffect, targetSeconds: 0))
        }

        var effectRandom = StableRandom(seed: random.next())
        let effects = EffectSequencer.sequence(count: scenes.count, allowed: pack.allowedEffects,
                                               fallback: pack.defaultEffect, random: &effectRandom)
        let sceneWords = [hookWords] + narrations.map(\.words)
        for index in scenes.indices {
            scenes[index].effect = effects[index]
            let words = sceneWords[index]
            let seconds = Self.seconds(words: words, wordsPerMinute: wpm)
            // The hook scene is short by design, so the pack's minimum does not apply to it.
            scenes[index].targetSeconds = index == 0
                ? max(seconds, 1.5)
                : min(max(seconds, pacing.minSeconds), pacing.maxSeconds)
        }

        let outline = ["Hook: \(hook)"] + sections.map(\.outline) + ["Call to action: \(callToAction)"]
        let estimate = estimate(project, words: sceneWords.reduce(0, +))
        var warnings = commonWarnings(project, sceneCount: scenes.count, estimate: estimate, pacing: pacing)
        let hookSeconds = Self.seconds(words: hookWords, wordsPerMinute: wpm)
        if hookSeconds > Self.hookSeconds {
            warnings.append("the hook takes about \(format(hookSeconds)) s to say; a hook under \(format(Self.hookSeconds)) s lands better")
        }
        if writer.restatedCount > 0 {
            warnings.append("the offline template ran out of fresh sentences for a \(project.targetSeconds) s script and restates \(writer.restatedCount); a chat provider or your own scenes will read better at this length")
        }
        return Plan(niche: pack.id, language: project.language, scriptTemplate: template, hooks: hooks, hook: hook,
                    outline: outline, scenes: scenes, estimate: estimate, warnings: warnings, source: "template")
    }

    // MARK: Structures

    /// One section of the script as planned: its opener, outline line, labels and sentences.
    struct Section {
        var outline: String
        /// Said once before the first section's lead (myth vs fact: "Let's separate myth from fact.").
        var intro: String?
        var lead: String
        var label: String
        var continuationLabels: [String]
        var continuations: [String]
        var pool: [String]
        var visual: String
    }

    /// Words each beat of the body has: a scene's share of `bodyWords`, or a part of one when a short
    /// video has fewer body scenes than sections and a scene carries several.
    static func wordsPerBeat(bodyWords: Double, bodyCount: Int, sectionCount: Int) -> Double {
        bodyWords / Double(max(bodyCount, sectionCount, 1))
    }

    /// `bodyWords` is the budget left for the body: with only a few words a beat (compact) the
    /// shortest openers are used, and myths take their short form below about 24 words (a full
    /// "Myth: … Fact: …" pair alone is about twenty). Without it (project scenes) beats have room.
    /// `shortForms` asks for the short forms whatever the room.
    static func sections(template: ScriptTemplate?, bodyCount: Int, topic: TopicPhrase, bodyWords: Double? = nil,
                         shortForms: Bool = false, random: inout StableRandom) -> [Section] {
        let perBeat = { (count: Int) in
            bodyWords.map { wordsPerBeat(bodyWords: $0, bodyCount: bodyCount, sectionCount: count) } ?? 40
        }
        let mythCount = min(max(bodyCount, 3), 5)
        let shortMyths = shortForms || perBeat(mythCount) < 24
        // How many sections: top5 always counts down five, and a short video puts several in one
        // scene (SectionLayout). Short myths are three, or two when there is no room for three
        // (a short pair is about eight words); never one ("1 myths about …" is not a video).
        let count = switch template {
        case nil: min(max(bodyCount, 3), 5)
        case .top5: 5
        case .mythVsFact: shortMyths ? (perBeat(3) < 9 ? 2 : 3) : mythCount
        case .storytime: bodyCount >= 4 ? 4 : 3
        }
        let compact = shortForms || perBeat(count) < 14
        let render = { (text: String, values: [String: String]) in ScriptWriter.render(text, topic: topic, values: values) }
        let chooseLead = { (leads: [String], random: inout StableRandom) -> String in
            let rendered = leads.map { render($0, [:]) }
            if compact { return rendered.min { SpeechText.wordCount($0) < SpeechText.wordCount($1) }! }
            return rendered[random.below(rendered.count)]
        }
        switch template {
        case nil:
            return ScriptLibrary.explainerBeats(count: count).map { beat in
                Section(outline: render(beat.title, [:]), intro: nil, lead: chooseLead(beat.leads, &random),
                        label: beat.labels[0], continuationLabels: Array(beat.labels.dropFirst()),
                        continuations: beat.continuations, pool: beat.pool, visual: beat.visual)
            }
        case .top5:
            // Five angles at random, counted down in their natural order (origins first, the takeaway last).
            let order = ScriptLibrary.top5Angles.map(\.title)
            let angles = random.shuffled(ScriptLibrary.top5Angles).prefix(count)
                .sorted { order.firstIndex(of: $0.title)! < order.firstIndex(of: $1.title)! }
            return angles.enumerated().map { position, angle in
                let digit = count - position
                let lead = compact
                    ? "\(ScriptLibrary.shortCountdownWords[5 - digit]): \(ScriptLibrary.top5ShortTitles[angle.title] ?? angle.title)."
                    : render(angle.leads[0], ["k": ScriptLibrary.countdownWords[5 - digit]])
                return Section(outline: "Number \(digit): \(render(angle.title, [:]))", intro: nil,
                               lead: lead,
                               label: "#\(digit) \(angle.labels[0])",
                               continuationLabels: ["MORE ON #\(digit)", "#\(digit), CONTINUED"],
                               continuations: angle.continuations, pool: angle.pool,
                               visual: "a bold poster-style image for item \(digit), \(angle.visual)")
            }
        case .mythVsFact:
            let myths = random.shuffled(ScriptLibrary.myths).prefix(count)
            var labels = ScriptLibrary.mythLabels
            random.shuffle(&labels)
            return myths.enumerated().map { position, pair in
                let myth = render(shortMyths ? pair.shortMyth : pair.myth, [:])
                let fact = render(shortMyths ? pair.shortFact : pair.fact, [:])
                return Section(outline: "Myth \(position + 1): \(myth) Fact: \(fact)",
                               intro: position == 0 && !compact ? "Let's separate myth from fact." : nil,
                               lead: "Myth: \(myth) Fact: \(fact)", label: "MYTH #\(position + 1)",
                               continuationLabels: labels, continuations: ScriptLibrary.mythContinuations,
                               pool: ScriptLibrary.mythPool,
                               visual: "a split composition contrasting myth and fact")
            }
        case .storytime:
            let beats = ScriptLibrary.storyBeats.prefix(count)
            return beats.map { beat in
                Section(outline: beat.title, intro: nil, lead: chooseLead(beat.leads, &random),
                        label: beat.labels[0], continuationLabels: Array(beat.labels.dropFirst()),
                        continuations: beat.continuations, pool: beat.pool, visual: beat.visual)
            }
        }
    }

    // MARK: Hooks

    static func makeHooks(_ project: ProjectFile, topic: TopicPhrase, beatCount: Int, random: inout StableRandom) -> [String] {
        let values = ["n": String(beatCount), "duration": durationPhrase(project.targetSeconds)]
        let limit = Int(4.8 * Double(project.tempo.wordsPerMinute) / 60)
        // A variant that fits the first five seconds when a slot has one; with a long topic none may,
        // and then the topic's short form does ("… the lighthouse keeper." for "the lighthouse keeper
        // who kept hearing knocks at night").
        var short: TopicPhrase?
        var hooks = ScriptLibrary.hookPatterns(for: project.scriptTemplate).map { variants in
            let rendered = variants.map { ScriptWriter.render($0, topic: topic, values: values) }
            var fitting = rendered.filter { SpeechText.wordCount($0) <= limit }
            if fitting.isEmpty {
                if short == nil { short = topic.short }
                fitting = variants.map { ScriptWriter.render($0, topic: short!, values: values) }
                    .filter { SpeechText.wordCount($0) <= limit }
            }
            return random.pick(fitting.isEmpty ? rendered : fitting)
        }
        // top5 keeps its signature "Here are 5 …" first; the others start at a seeded pattern.
        if project.scriptTemplate != .top5 {
            let start = random.below(hooks.count)
            hooks = Array(hooks[start...] + hooks[..<start])
        }
        // The hook used must fit the first few seconds: bring the first that does to the front.
        if SpeechText.wordCount(hooks[0]) > limit {
            let best = hooks.firstIndex { SpeechText.wordCount($0) <= limit }
                ?? hooks.indices.min { SpeechText.wordCount(hooks[$0]) < SpeechText.wordCount(hooks[$1]) }!
            hooks.insert(hooks.remove(at: best), at: 0)
        }
        return hooks
    }

    private static func durationPhrase(_ seconds: Int) -> String {
        if seconds <= 90 { return "\(seconds) seconds" }
        let minutes = Int((Double(seconds) / 60).rounded())
        return minutes == 1 ? "a minute" : "\(minutes) minutes"
    }

    private static func hookOnScreenText(topic: TopicPhrase, template: ScriptTemplate?) -> String {
        topic.onScreen { word in
            switch template {
            case nil: "\(word) EXPLAINED"
            case .top5: "TOP 5 \(word)"
            case .mythVsFact: "\(word): MYTH OR FACT?"
            case .storytime: "MY \(word) STORY"
            }
        }
    }

    private static func pickCallToAction(template: ScriptTemplate?, pack: NichePack, compact: Bool,
                                         random: inout StableRandom) -> String {
        var options = ScriptLibrary.callsToAction
        options += [pack.callToAction, pack.callToAction]
        if template == .storytime { options = ScriptLibrary.storyCallsToAction + options.prefix(2) }
        if compact { return options.min { SpeechText.wordCount($0) < SpeechText.wordCount($1) }! }
        return random.pick(options)
    }

    // MARK: The project's own scenes

    private static func planFromProjectScenes(_ project: ProjectFile, _ inputs: [ProjectFile.SceneInput]) -> Plan {
        let pack = project.nichePack
        let pacing = pack.pacing(forTargetSeconds: project.targetSeconds)
        let wpm = project.tempo.wordsPerMinute
        let topic = TopicPhrase(project.topic)
        var random = seed(project)
        let sections = Self.sections(template: project.scriptTemplate, bodyCount: max(inputs.count - 1, 1), topic: topic,
                                     random: &random)
        let ownHook = project.hook.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
        // In a language the library does not write, every word on screen comes from the project:
        // its hook, else the first scene's on-screen text, else the first clause of its narration.
        let english = writes(language: project.language)
        let hooks = english
            ? makeHooks(project, topic: topic, beatCount: sections.count, random: &random)
            : [ownHook ?? inputs[0].onScreenText.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
                ?? OwnText.firstPhrase(inputs[0].narration, limit: 8)]
        let hook = ownHook ?? hooks[0]

        var effectRandom = StableRandom(seed: random.next())
        let effects = EffectSequencer.sequence(count: inputs.count, allowed: pack.allowedEffects, fallback: pack.defaultEffect,
                                               fixed: inputs.map(\.effect), random: &effectRandom)
        var scenes = inputs.enumerated().map { index, input -> Plan.Scene in
            let narration = input.narration.trimmingWhitespace
            let words = SpeechText.wordCount(narration)
            let visual = input.visual.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
                ?? visualPrompt(pack: pack, project: project, beat: excerpt(narration, words: 30), topic: topic)
            return Plan.Scene(
                index: index, narration: narration,
                onScreenText: input.onScreenText.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
                    ?? (english ? defaultOnScreenText(narration) : ownOnScreenText(narration, language: project.language)),
                visual: visual, image: input.image, video: input.video, effect: effects[index],
                targetSeconds: input.seconds ?? min(max(Self.seconds(words: words, wordsPerMinute: wpm), 1), 60))
        }
        // The first scene's label, taken from the same words as the title above it, would repeat it.
        if !english, var first = scenes.first, inputs[0].onScreenText == nil || first.onScreenText == hook {
            first.onScreenText = ""
            scenes[0] = first
        }
        let outline = ["Hook: \(hook)"] + scenes.map { "Scene \($0.index + 1): \(excerpt($0.narration, words: 12))" }
        let estimate = estimate(project, words: scenes.reduce(0) { $0 + SpeechText.wordCount($1.narration) })
        var warnings = commonWarnings(project, sceneCount: scenes.count, estimate: estimate, pacing: pacing, ownScenes: true)
        if scenes.count < pacing.minScenes || scenes.count > pacing.maxScenes {
            warnings.append("the plan has \(scenes.count) scenes; the \(pack.id) pack paces a \(project.targetSeconds) s video with \(pacing.minScenes)–\(pacing.maxScenes)")
        }
        let outside = scenes.filter { $0.targetSeconds < pacing.minSeconds || $0.targetSeconds > pacing.maxSeconds }
        if !outside.isEmpty {
            let list = outside.prefix(8).map { "\($0.index) (\(format($0.targetSeconds)) s)" }.joined(separator: ", ")
            warnings.append("scenes outside the \(pack.id) pack's \(format(pacing.minSeconds))–\(format(pacing.maxSeconds)) s range: \(list)\(outside.count > 8 ? ", …" : "")")
        }
        return Plan(niche: pack.id, language: project.language, scriptTemplate: project.scriptTemplate, hooks: hooks,
                    hook: hook, outline: outline, scenes: scenes, estimate: estimate, warnings: warnings, source: "project")
    }

    /// The first few words of a narration, cut at a phrase boundary (``PhraseCut``), upper-case,
    /// punctuation removed: a default on-screen text.
    static func defaultOnScreenText(_ narration: String) -> String {
        let words = SpeechText.words(ofNormalized: SpeechText.normalize(narration))
            .filter { $0.contains { $0.isLetter || $0.isNumber } }
        return PhraseCut.label(words, limit: 4)
            .map { $0.filter { $0.isLetter || $0.isNumber || $0 == "'" || $0 == "-" } }
            .joined(separator: " ").uppercased()
    }

    /// The first clause of a narration, at most four words, in the language's capitals: the label of
    /// a scene in a language the library does not write (``OwnText``).
    static func ownOnScreenText(_ narration: String, language: String) -> String {
        let phrase = OwnText.firstPhrase(narration, limit: 4)
        guard let tag = try? LanguageTag(parsing: language) else { return phrase }
        return TextCasing.uppercased(phrase, language: tag)
    }

    // MARK: Shared parts

    private static func visualPrompt(pack: NichePack, project: ProjectFile, beat: String, topic: TopicPhrase) -> String {
        var parts = [pack.styleBible]
        if let style = project.visualStyle.map(collapse), !style.isEmpty { parts.append(style) }
        parts.append(beat)
        parts.append("about \(topic.full)")
        parts.append("vertical 9:16 composition")
        return parts.joined(separator: ", ")
    }

    /// The plan's length: `words` of narration at the project's tempo.
    private static func estimate(_ project: ProjectFile, words: Int) -> Plan.Estimate {
        Plan.Estimate(wordsPerMinute: project.tempo.wordsPerMinute, words: words,
                      estimatedSeconds: seconds(words: words, wordsPerMinute: project.tempo.wordsPerMinute),
                      targetSeconds: project.targetSeconds)
    }

    /// How far, in seconds, the narration may run from the target before a plan warns.
    static func narrationTolerance(targetSeconds: Int) -> Double { targetSeconds >= 180 ? 5 : 3 }

    /// Warnings both kinds of plan share: language, pacing and the length estimate.
    private static func commonWarnings(_ project: ProjectFile, sceneCount: Int, estimate: Plan.Estimate,
                                       pacing: NichePack.Pacing, ownScenes: Bool = false) -> [String] {
        var warnings: [String] = []
        if !ownScenes, !writes(language: project.language) {
            warnings.append("language '\(project.language)': the offline planner writes English narration; the language code is kept in the plan")
        }
        let perScene = Double(project.targetSeconds) / Double(max(sceneCount, 1))
        if perScene < pacing.minSeconds || perScene > pacing.maxSeconds {
            warnings.append("pacing: \(sceneCount) scenes for \(project.targetSeconds) s is about \(format(perScene)) s a scene, outside the \(project.nichePack.id) pack's \(format(pacing.minSeconds))–\(format(pacing.maxSeconds)) s")
        }
        let estimated = estimate.estimatedSeconds
        let tolerance = narrationTolerance(targetSeconds: project.targetSeconds)
        let difference = estimated - Double(project.targetSeconds)
        if abs(difference) > tolerance {
            warnings.append("the narration runs about \(format(estimated)) s for a \(project.targetSeconds) s target (\(difference > 0 ? "over" : "under") by \(format(abs(difference))) s; tolerance \(format(tolerance)) s)")
        }
        return warnings
    }

    private static func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func excerpt(_ text: String, words: Int) -> String {
        let all = text.split(whereSeparator: { $0.isWhitespace })
        return all.prefix(words).joined(separator: " ") + (all.count > words ? " …" : "")
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension String {
    var trimmingWhitespace: String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
