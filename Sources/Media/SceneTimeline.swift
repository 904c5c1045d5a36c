/// Where every scene and transition falls, in whole frames: the one frame grid the render graph and the
/// on-screen text are both built on, so a label never shows during a transition it was not timed for.
public struct SceneTimeline: Sendable, Hashable {
    /// Frame index at which each scene starts, plus the total frame count at the end.
    public let boundaries: [Int]
    /// Frames of each transition, one per scene change (0 = a cut), centred on the change.
    public let transitionFrames: [Int]
    public let fps: Int

    /// Scene starts (seconds) are rounded to frames once; each scene lasts until the next one starts,
    /// and the last one until the end, so the scenes always tile exactly `duration × fps` frames. Scenes
    /// starting at or after the end are dropped.
    ///
    /// A transition is even (the change sits exactly in its middle) and at most half of either
    /// neighbouring scene, so every scene is seen on its own for at least half its length; one shorter
    /// than two frames becomes a cut.
    public init(starts: [Double], duration: Double, fps: Int, transitions: [SceneTransition]) {
        let total = max(1, Int((duration * Double(fps)).rounded()))
        var boundaries = [0]
        for start in starts.dropFirst() {
            let frame = Int((start * Double(fps)).rounded())
            let previous = boundaries[boundaries.count - 1]
            guard previous + 1 < total else { break }
            boundaries.append(min(max(frame, previous + 1), total - 1))
        }
        boundaries.append(total)
        self.boundaries = boundaries
        self.fps = fps
        self.transitionFrames = boundaries.count > 2 ? (1..<(boundaries.count - 1)).map { change in
            guard change - 1 < transitions.count else { return 0 }
            let transition = transitions[change - 1]
            guard transition.kind != .cut, transition.seconds.isFinite else { return 0 }
            let shorter = min(boundaries[change] - boundaries[change - 1], boundaries[change + 1] - boundaries[change])
            let requested = Int((transition.seconds * Double(fps)).rounded())
            let frames = min(requested, shorter / 2) / 2 * 2
            return frames >= 2 ? frames : 0
        } : []
    }

    public var sceneCount: Int { boundaries.count - 1 }

    /// Frames of transition before and after scene `index`'s own span (half of each neighbouring transition).
    public func overlap(scene index: Int) -> (lead: Int, tail: Int) {
        let lead = index == 0 ? 0 : transitionFrames[index - 1] / 2
        let tail = index == sceneCount - 1 ? 0 : transitionFrames[index] / 2
        return (lead, tail)
    }

    /// Frames scene `index` must supply: its own span and its share of the transitions on either side.
    public func frames(scene index: Int) -> Int {
        let (lead, tail) = overlap(scene: index)
        return boundaries[index + 1] - boundaries[index] + lead + tail
    }

    /// The seconds during which scene `index` is on screen alone: after its entrance, before its exit.
    public func soloSpan(scene index: Int) -> (start: Double, end: Double) {
        let (lead, tail) = overlap(scene: index)
        return (seconds(boundaries[index] + lead), seconds(boundaries[index + 1] - tail))
    }

    /// A frame index as seconds.
    public func seconds(_ frame: Int) -> Double { Double(frame) / Double(fps) }
}
