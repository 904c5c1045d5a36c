import JobDocuments
import Providers
import ProjectModel

/// Chooses each scene's motion effect from the pack's allowed effects.
///
/// The old system gave nearly every scene `slow_zoom_in` (its prompt never asked for an effect and the
/// fallback was the pack default). Here neighbours never repeat when the pack allows two or more, camera
/// moves are preferred over treatments (glitch and flash cuts are spice, not the meal), and the choice
/// is seeded so the same project always gets the same sequence.
enum EffectSequencer {
    static func weight(_ effect: MotionEffect) -> Int {
        switch effect {
        case .slowZoomIn, .slowZoomOut, .panLeft, .panRight, .tiltUp, .tiltDown: 4
        case .fade: 2
        case .glitch, .flashCut, .static: 1
        }
    }

    /// Effects for `count` scenes; `fixed[i]` (when given) is kept and its neighbours avoid it.
    static func sequence(count: Int, allowed: [MotionEffect], fallback: MotionEffect, fixed: [MotionEffect?] = [],
                         random: inout StableRandom) -> [MotionEffect] {
        var choices: [MotionEffect] = []
        for effect in allowed where !choices.contains(effect) { choices.append(effect) }
        if choices.isEmpty { choices = [fallback] }
        var result: [MotionEffect] = []
        for index in 0..<count {
            if index < fixed.count, let given = fixed[index] {
                result.append(given)
                continue
            }
            var avoid: Set<MotionEffect> = []
            if let previous = result.last { avoid.insert(previous) }
            if index + 1 < fixed.count, let next = fixed[index + 1] { avoid.insert(next) }
            var options = choices.filter { !avoid.contains($0) }
            if options.isEmpty { options = choices.filter { $0 != result.last } }
            if options.isEmpty { options = choices }
            let total = options.reduce(0) { $0 + weight($1) }
            var roll = random.below(total)
            var chosen = options[0]
            for option in options {
                roll -= weight(option)
                if roll < 0 {
                    chosen = option
                    break
                }
            }
            result.append(chosen)
        }
        return result
    }
}
