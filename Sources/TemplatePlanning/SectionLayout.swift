/// Which sections of the script each body scene carries.
///
/// With at least as many body scenes as sections, each section spans one or more neighbouring scenes:
/// its first scene opens it and the others continue it. A short video can have fewer body scenes than
/// its structure has sections (a top 5 in a 15 s video has one); then a scene opens several sections
/// in turn, so the countdown still counts down all five and the outline is what is said.
struct SectionLayout {
    let sectionCount: Int
    let sceneCount: Int

    init(sections: Int, bodyScenes: Int) {
        sectionCount = max(sections, 1)
        sceneCount = max(bodyScenes, 1)
    }

    /// The section `scene` belongs to: the last one it opens, or the one it continues.
    func section(ofScene scene: Int) -> Int {
        sceneCount >= sectionCount ? scene * sectionCount / sceneCount : opened(byScene: scene).last!
    }

    /// The sections `scene` opens, in order; empty when it continues the section before.
    func opened(byScene scene: Int) -> [Int] {
        if sceneCount < sectionCount {
            return (0..<sectionCount).filter { $0 * sceneCount / sectionCount == scene }
        }
        let current = section(ofScene: scene)
        return scene == 0 || section(ofScene: scene - 1) != current ? [current] : []
    }

    /// How many scenes `section` spans (one when several sections share a scene).
    func sceneSpan(ofSection section: Int) -> Int {
        guard sceneCount >= sectionCount else { return 1 }
        return (0..<sceneCount).filter { self.section(ofScene: $0) == section }.count
    }
}
