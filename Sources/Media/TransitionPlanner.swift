import ProjectModel

/// Chooses the transition at every scene change from the niche pack's feel and the scenes' effects.
///
/// Each pack has a short list of transitions that suit it and a pace (``NichePack/transitions``);
/// changes cycle through the list so neighbours differ. A scene's own effect wins where it implies an entrance: a `flash_cut` scene enters
/// through white, a `fade` scene dips through black on both sides, a `glitch` scene pixelates in.
/// Deterministic: the same plan always gets the same transitions.
public enum TransitionPlanner {
    /// The pack's transitions, in the order they are used, and their length in seconds (``NichePack/transitions``).
    public static func feel(of pack: NichePack) -> (kinds: [SceneTransition.Kind], seconds: Double) {
        let kinds = pack.transitions.compactMap(SceneTransition.Kind.init(rawValue:))
        return (kinds.isEmpty ? [.crossfade] : kinds, pack.transitionSeconds)
    }

    /// Longest a transition grows to fill a long pause between two scenes' speech.
    public static let longest = 1.0

    /// One transition per scene change (`effects.count - 1`). `pauses[i]`, when given, is the silence
    /// between scene `i`'s speech and scene `i + 1`'s: a longer pause gets a longer transition, so the
    /// picture changes while nobody speaks.
    /// With `requested` (the project's `render.transitions`), those are cycled through the changes as
    /// asked, effects notwithstanding; `seconds` (its `render.transitionSeconds`) fixes every length.
    public static func plan(effects: [MotionEffect], pack: NichePack, pauses: [Double] = [],
                            requested: [SceneTransition.Kind]? = nil, seconds: Double? = nil) -> [SceneTransition] {
        guard effects.count > 1 else { return [] }
        if let requested, !requested.isEmpty {
            let length = seconds ?? feel(of: pack).seconds
            return (0..<(effects.count - 1)).map { SceneTransition(requested[$0 % requested.count], seconds: length) }
        }
        let feel = feel(of: pack)
        var transitions: [SceneTransition] = []
        var cycle = 0
        for change in 0..<(effects.count - 1) {
            let outgoing = effects[change]
            let incoming = effects[change + 1]
            let pause = change < pauses.count ? pauses[change] : 0
            let paced = min(max(feel.seconds, pause), longest)
            let transition: SceneTransition
            switch (outgoing, incoming) {
            case (_, .flashCut):
                transition = SceneTransition(.fadeWhite, seconds: 0.3)
            case (_, .glitch):
                transition = SceneTransition(.pixelize, seconds: 0.3)
            case (.fade, _), (_, .fade):
                transition = SceneTransition(.fadeBlack, seconds: max(paced, 0.5))
            default:
                var kind = feel.kinds[cycle % feel.kinds.count]
                if feel.kinds.count > 1, kind == transitions.last?.kind {
                    cycle += 1
                    kind = feel.kinds[cycle % feel.kinds.count]
                }
                cycle += 1
                transition = SceneTransition(kind, seconds: paced)
            }
            transitions.append(seconds.map { SceneTransition(transition.kind, seconds: $0) } ?? transition)
        }
        return transitions
    }
}
