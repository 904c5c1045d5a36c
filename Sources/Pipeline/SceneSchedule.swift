import JobDocuments
import Media
import ProjectModel

/// The scenes on the video's timeline with their effects and the transitions between them — computed
/// the same way by the captions step (which times the on-screen text around the transitions), the
/// render step (which draws them) and finalize (which checks the length), from `plan.json` and
/// `timings.json`.
struct SceneSchedule: Sendable {
    var effects: [MotionEffect]
    var transitions: [SceneTransition]
    var starts: [Double]
    var duration: Double
    var timeline: SceneTimeline

    init(plan: Plan, timings: WordTimings, pack: NichePack, render: ProjectFile.RenderOptions = .init()) {
        let effectByScene = Dictionary(plan.scenes.map { ($0.index, $0.effect) }, uniquingKeysWith: { first, _ in first })
        effects = timings.scenes.map { effectByScene[$0.index] ?? pack.defaultEffect }
        // The silence between one scene's speech and the next: a transition may fill it.
        let pauses = zip(timings.scenes, timings.scenes.dropFirst()).map { max(0, $1.speechStart - $0.speechEnd) }
        transitions = TransitionPlanner.plan(effects: effects, pack: pack, pauses: pauses,
                                             requested: render.transitions?.compactMap(SceneTransition.Kind.init(rawValue:)),
                                             seconds: render.transitionSeconds)
        starts = timings.scenes.map(\.start)
        duration = timings.scenes.last?.end ?? timings.voiceSeconds
        timeline = SceneTimeline(starts: starts, duration: duration, fps: render.fps, transitions: transitions)
    }
}
