/// The shape that gives an offline-painted picture its structure; each niche pack lists the ones that
/// suit it (``NichePack/motifs``).
public enum SceneMotif: String, Sendable, Hashable, Codable, CaseIterable {
    case hills, waves, rings, rays, horizon, grid, bands, fog
}
