import ProjectModel

/// How many scenes a template plan has for its target length.
///
/// The niche pack's pacing table has rows for 60, 90, 120 and 180 s videos, and every length maps to
/// one of them (≤60 s → the 60 s row, longer than 180 s → the 180 s row). Used as it is, the row's
/// scene count makes a 15 s video six scenes of 2.5 s and a 600 s video thirteen of 46 s, both far
/// outside the pack's seconds a scene, so the planner warned about its own plan. Below 60 s and above
/// 180 s the count is scaled instead, keeping the row's seconds a scene; any length then gets a count
/// whose seconds a scene fall inside the pack's range: the check ``TemplatePlanner`` makes of every plan.
enum TemplateSceneCount {
    /// The shortest and longest lengths the pacing table has rows for (``NichePack/pacing(forTargetSeconds:)``).
    static let shortestRowSeconds = 60
    static let longestRowSeconds = 180

    /// Scenes for a `targetSeconds` video paced by `pacing`: at least two (the hook and one body scene).
    static func scenes(forTargetSeconds targetSeconds: Int, pacing: NichePack.Pacing) -> Int {
        let target = Double(targetSeconds)
        var count = Double(pacing.sceneCount)
        if targetSeconds < shortestRowSeconds {
            count *= target / Double(shortestRowSeconds)
        } else if targetSeconds > longestRowSeconds {
            count *= target / Double(longestRowSeconds)
        }
        // The counts whose seconds a scene stay inside the pack's range.
        let fewest = Int((target / pacing.maxSeconds).rounded(.up))
        let most = Int((target / pacing.minSeconds).rounded(.down))
        var scenes = max(min(max(Int(count.rounded()), fewest), most), 2)
        // The hook says little, so the body scenes share nearly all of it: one more scene when they
        // would run past the pack's longest and the count stays in range (20 s: 3 scenes, not 2 of
        // which one is 17 s).
        while (target - typicalHookSeconds) / Double(scenes - 1) > pacing.maxSeconds, scenes + 1 <= most {
            scenes += 1
        }
        return scenes
    }

    /// About how long a hook takes to say (it must be under ``TemplatePlanner/hookSeconds``).
    static let typicalHookSeconds = 3.0
}
