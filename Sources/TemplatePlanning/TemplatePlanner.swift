import JobDocuments
import Providers
import ProjectModel

/// The offline planner: a complete plan (hooks, outline, scenes) from a project with no LLM.
///
/// A fresh machine must render with no keys, so this is the default plan provider and the fallback
/// when a chat provider fails. It follows the niche pack's pacing (scene count from the length bucket),
/// fills each scene to its share of the word budget (target seconds × the tempo's words a minute), and
/// writes one of four structures: the explainer, or the project's script template (top5, myth vs fact,
/// storytime). Unlike the system we rebuild it enforces the pack's allowed effects and varies them.
/// The same project always gives the same plan: every choice comes from a seed hashed from the topic,
/// niche and template (never `hashValue`, which changes per process).
public enum TemplatePlanner {
    /// A hook should be said within this many seconds (it must land in the first three).
    public static let hookSeconds = 5.0

    public static func plan(for project: ProjectFile) -> Plan {
        if let scenes = project.scenes, !scenes.isEmpty {
            return planFromProjectScenes(project, scenes)
        }
        return planFromTemplates(project)
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

    private static func planFromTemplates(_ project: ProjectFile) -> Plan {
        let pack = project.nichePack
        let pacing = pack.pacing(forTargetSeconds: project.targetSeconds)
        let wpm = project.tempo.wordsPerMinute
        let topic = TopicPhrase(project.topic)
        let template = project.scriptTemplate
        var random = seed(project)

        let sceneCount = max(pacing.sceneCount, 2)
        let bodyCount = sceneCount - 1
        let budget = Double(wordBudget(for: project))
        // Very short videos have only a few words a scene: shortest openers, no extra lines; with
        // fewer than about seven words a scene, a scene is its opener alone.
        let wordsPerScene = (budget - 10) / Double(bodyCount)
        let compact = wordsPerScene < 14
        let tiny = wordsPerScene < 7
        let sections = Self.sections(template: template, bodyCount: bodyCount, topic: topic,
                                     wordsPerScene: wordsPerScene, random: &random)
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
        let perScene = max((budget - Double(hookWords)) / Double(bodyCount), 8)

        var scenes: [Plan.Scene] = []
        scenes.append(Plan.Scene(
            index: 0, narration: hook,
            onScreenText: hookOnScreenText(topic: topic, template: template),
            visual: visualPrompt(pack: pack, project: project, beat: "a bold, eye-catching opening image", topic: topic),
            image: nil, effect: pack.defaultEffect, targetSeconds: 0))

        var continuationCounts = [Int](repeating: 0, count: sections.count)
        for body in 0..<bodyCount {
            let sectionIndex = body * sections.count / bodyCount
            let section = sections[sectionIndex]
            let opensSection = body == 0 || (body - 1) * sections.count / bodyCount != sectionIndex
            var leads: [String] = []
            if body == 0, let intro = section.intro { leads.append(intro) }
            if opensSection {
                leads.append(section.lead)
            } else {
                // The section's own continuations first, then general transitions; none left, no opener.
                var options = random.shuffled(section.continuations)
                options += random.shuffled(ScriptLibrary.transitions)
                if compact { options.sort { SpeechText.wordCount($0) < SpeechText.wordCount($1) } }
                if let opener = writer.firstUnusedIfAny(options) { leads.append(opener) }
            }
            var extra: [String] = []
            if body == 0, let keyword = keywords.first {
                let line = compact ? ScriptLibrary.shortKeywordSentence : keywordLines[0]
                extra.append(writer.render(line, values: ["kw": keyword]))
            }
            if !compact, keywords.count > 1, body == max(bodyCount / 2, 1) % bodyCount {
                extra.append(writer.render(keywordLines[1], values: ["kw": keywords[keywords.startIndex + 1]]))
            }
            let isLast = body == bodyCount - 1
            let reserve = isLast ? SpeechText.wordCount(callToAction) : 0
            let target = max(Int(perScene.rounded()) - reserve, 4)
            // A niche line sets the tone once or twice, where the scene has room for it.
            if !compact, let line = flavour.first(where: { !writer.used.contains($0) }), bodyCount >= 3,
               body == 1 || (bodyCount >= 8 && body == bodyCount * 2 / 3) {
                let taken = (leads + extra).reduce(0) { $0 + SpeechText.wordCount($1) }
                if Double(taken + SpeechText.wordCount(line)) <= Double(target) * 1.1 {
                    writer.markUsed(line)
                    extra.append(line)
                }
            }
            let sectionScenes = (0..<bodyCount).filter { $0 * sections.count / bodyCount == sectionIndex }.count
            let share = max(2, (section.pool.count + sectionScenes - 1) / max(sectionScenes, 1))
            var sentences = tiny
                ? leads + extra
                : writer.fill(leads: leads, extra: extra, preferred: section.pool, preferredCount: share, target: target)
            if isLast { sentences.append(callToAction) }

            let label: String
            if opensSection {
                label = section.label
            } else {
                let labels = section.continuationLabels
                label = labels[(continuationCounts[sectionIndex] + sectionIndex) % labels.count]
                continuationCounts[sectionIndex] += 1
            }
            scenes.append(Plan.Scene(
                index: body + 1, narration: sentences.joined(separator: " "), onScreenText: label,
                visual: visualPrompt(pack: pack, project: project, beat: section.visual, topic: topic),
                image: nil, effect: pack.defaultEffect, targetSeconds: 0))
        }

        var effectRandom = StableRandom(seed: random.next())
        let effects = EffectSequencer.sequence(count: scenes.count, allowed: pack.allowedEffects,
                                               fallback: pack.defaultEffect, random: &effectRandom)
        var totalWords = 0
        for index in scenes.indices {
            scenes[index].effect = effects[index]
            let words = SpeechText.wordCount(scenes[index].narration)
            totalWords += words
            let seconds = Self.seconds(words: words, wordsPerMinute: wpm)
            // The hook scene is short by design, so the pack's minimum does not apply to it.
            scenes[index].targetSeconds = index == 0
                ? max(seconds, 1.5)
                : min(max(seconds, pacing.minSeconds), pacing.maxSeconds)
        }

        let outline = ["Hook: \(hook)"] + sections.map(\.outline) + ["Call to action: \(callToAction)"]
        let estimate = estimate(project, words: totalWords)
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

    /// `wordsPerScene` is each body scene's share of the budget: with only a few words a scene
    /// (compact) the shortest openers are used, and myths take their short form below about 24 words
    /// (a full "Myth: … Fact: …" pair alone is about twenty).
    static func sections(template: ScriptTemplate?, bodyCount: Int, topic: TopicPhrase, wordsPerScene: Double = 40,
                         random: inout StableRandom) -> [Section] {
        let compact = wordsPerScene < 14
        let shortMyths = wordsPerScene < 24
        let render = { (text: String, values: [String: String]) in ScriptWriter.render(text, topic: topic, values: values) }
        let chooseLead = { (leads: [String], random: inout StableRandom) -> String in
            let rendered = leads.map { render($0, [:]) }
            if compact { return rendered.min { SpeechText.wordCount($0) < SpeechText.wordCount($1) }! }
            return rendered[random.below(rendered.count)]
        }
        switch template {
        case nil:
            let count = min(max(bodyCount, 3), 5)
            return ScriptLibrary.explainerBeats(count: count).map { beat in
                Section(outline: render(beat.title, [:]), intro: nil, lead: chooseLead(beat.leads, &random),
                        label: beat.labels[0], continuationLabels: Array(beat.labels.dropFirst()),
                        continuations: beat.continuations, pool: beat.pool, visual: beat.visual)
            }
        case .top5:
            let count = min(5, max(bodyCount, 1))
            // Five angles at random, counted down in their natural order (origins first, the takeaway last).
            let order = ScriptLibrary.top5Angles.map(\.title)
            let angles = random.shuffled(ScriptLibrary.top5Angles).prefix(count)
                .sorted { order.firstIndex(of: $0.title)! < order.firstIndex(of: $1.title)! }
            return angles.enumerated().map { position, angle in
                let digit = count - position
                let spoken = ScriptLibrary.countdownWords[5 - digit]
                let lead = compact
                    ? "\(spoken): \(ScriptLibrary.top5ShortTitles[angle.title] ?? angle.title)."
                    : render(angle.leads[0], ["k": spoken])
                return Section(outline: "Number \(digit): \(render(angle.title, [:]))", intro: nil,
                               lead: lead,
                               label: "#\(digit) \(angle.labels[0])",
                               continuationLabels: ["MORE ON #\(digit)", "#\(digit), CONTINUED"],
                               continuations: angle.continuations, pool: angle.pool,
                               visual: "a bold poster-style image for item \(digit), \(angle.visual)")
            }
        case .mythVsFact:
            let count = shortMyths ? max(min(bodyCount, 3), 1) : min(max(bodyCount, 3), 5)
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
            let beats = bodyCount >= 4 ? ScriptLibrary.storyBeats : Array(ScriptLibrary.storyBeats.prefix(3))
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
        // A variant that fits the first five seconds when a slot has one.
        var hooks = ScriptLibrary.hookPatterns(for: project.scriptTemplate).map { variants in
            let rendered = variants.map { ScriptWriter.render($0, topic: topic, values: values) }
            let fitting = rendered.filter { SpeechText.wordCount($0) <= limit }
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
        let hooks = makeHooks(project, topic: topic, beatCount: sections.count, random: &random)
        let hook = project.hook.map(collapse).flatMap { $0.isEmpty ? nil : $0 } ?? hooks[0]

        var effectRandom = StableRandom(seed: random.next())
        let effects = EffectSequencer.sequence(count: inputs.count, allowed: pack.allowedEffects, fallback: pack.defaultEffect,
                                               fixed: inputs.map(\.effect), random: &effectRandom)
        let scenes = inputs.enumerated().map { index, input -> Plan.Scene in
            let narration = input.narration.trimmingWhitespace
            let words = SpeechText.wordCount(narration)
            let visual = input.visual.map(collapse).flatMap { $0.isEmpty ? nil : $0 }
                ?? visualPrompt(pack: pack, project: project, beat: excerpt(narration, words: 30), topic: topic)
            return Plan.Scene(
                index: index, narration: narration,
                onScreenText: input.onScreenText.map(collapse).flatMap { $0.isEmpty ? nil : $0 } ?? defaultOnScreenText(narration),
                visual: visual, image: input.image, effect: effects[index],
                targetSeconds: input.seconds ?? min(max(Self.seconds(words: words, wordsPerMinute: wpm), 1), 60))
        }
        let outline = ["Hook: \(hook)"] + scenes.map { "Scene \($0.index + 1): \(excerpt($0.narration, words: 12))" }
        let estimate = estimate(project, words: scenes.reduce(0) { $0 + SpeechText.wordCount($1.narration) })
        var warnings = commonWarnings(project, sceneCount: scenes.count, estimate: estimate, pacing: pacing)
        if scenes.count < pacing.minScenes || scenes.count > pacing.maxScenes {
            warnings.append("the project has \(scenes.count) scenes; the \(pack.id) pack paces a \(project.targetSeconds) s video with \(pacing.minScenes)–\(pacing.maxScenes)")
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

    /// Warnings both kinds of plan share: language, pacing and the length estimate.
    private static func commonWarnings(_ project: ProjectFile, sceneCount: Int, estimate: Plan.Estimate,
                                       pacing: NichePack.Pacing) -> [String] {
        var warnings: [String] = []
        let language = project.language.lowercased()
        if !(language == "en" || language.hasPrefix("en-") || language.hasPrefix("en_")) {
            warnings.append("language '\(project.language)': the offline planner writes English narration; the language code is kept in the plan")
        }
        let perScene = Double(project.targetSeconds) / Double(max(sceneCount, 1))
        if perScene < pacing.minSeconds || perScene > pacing.maxSeconds {
            warnings.append("pacing: \(sceneCount) scenes for \(project.targetSeconds) s is about \(format(perScene)) s a scene, outside the \(project.nichePack.id) pack's \(format(pacing.minSeconds))–\(format(pacing.maxSeconds)) s")
        }
        let estimated = estimate.estimatedSeconds
        let tolerance = project.targetSeconds >= 180 ? 5.0 : 3.0
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
