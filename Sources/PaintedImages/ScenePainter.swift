import JobDocuments
import Providers
import Foundation
import ProjectModel

/// Draws a scene's picture offline: an abstract poster background in the niche pack's palette.
///
/// With no image provider, every scene still needs a picture that is never a flat colour (the renderer
/// pans and zooms over it, and a flat frame shows no motion and encodes to nothing). Each picture is a
/// multi-stop gradient, a motif with depth (hills, ribbons, rings, rays, a horizon, a grid, colour
/// blocks or fog — varied per scene and chosen per niche), soft bokeh, fine dust, a vignette and film
/// grain, with detail over the whole frame. It is deterministic per (topic, pack, scene index).
public enum ScenePainter {
    /// The shape that gives a picture its structure; the pack says which suit it (``NichePack/motifs``).
    public typealias Motif = SceneMotif

    /// The motif scene `index` gets: consecutive scenes never share one.
    public static func motif(sceneIndex index: Int, pack: NichePack, topic: String) -> Motif {
        let motifs = pack.motifs.isEmpty ? Motif.allCases : pack.motifs
        var random = StableRandom(topic, pack.id, "motif")
        return motifs[(random.below(motifs.count) + max(index, 0)) % motifs.count]
    }

    public static func paint(scene: Plan.Scene, pack: NichePack, topic: String, width: Int, height: Int) -> RasterImage {
        let motif = motif(sceneIndex: scene.index, pack: pack, topic: topic)
        let random = StableRandom(topic, pack.id, "scene", String(scene.index))
        var painter = Painter(width: max(width, 1), height: max(height, 1), palette: Palette(pack.palette),
                              random: random, isDark: pack.isDark)
        painter.background(motif: motif)
        painter.draw(motif)
        painter.bokeh()
        painter.dust()
        let seed = UInt32(truncatingIfNeeded: painter.random.next())
        return RasterImage(width: painter.canvas.width, height: painter.canvas.height,
                           pixels: painter.canvas.finish(vignette: 0.42, grain: 0.045, seed: seed))
    }
}

/// The pack's palette in roles: background dark, background light, two accents, a light.
struct Palette {
    var dark: Color3
    var mid: Color3
    var accent: Color3
    var accent2: Color3
    var light: Color3

    init(_ colors: [RGBColor]) {
        let c = colors.map(Color3.init)
        dark = c.first ?? Color3(0.05, 0.06, 0.1)
        mid = c.count > 1 ? c[1] : dark.mixed(.white, 0.25)
        accent = c.count > 2 ? c[2] : mid.mixed(.white, 0.4)
        accent2 = c.count > 3 ? c[3] : accent
        light = c.count > 4 ? c[4] : accent2.mixed(.white, 0.5)
    }

    var accents: [Color3] { [accent, accent2, light] }
}

/// One painting in progress: the canvas, the palette and the seeded randomness.
private struct Painter {
    var canvas: Canvas
    let palette: Palette
    var random: StableRandom
    /// Packs told in the dark get a lower glow.
    let isDark: Bool
    let w: Float
    let h: Float
    /// 1 at 1080 px wide: line widths and dot sizes scale with the picture.
    let unit: Float

    init(width: Int, height: Int, palette: Palette, random: StableRandom, isDark: Bool) {
        canvas = Canvas(width: width, height: height)
        self.palette = palette
        self.random = random
        self.isDark = isDark
        w = Float(width)
        h = Float(height)
        unit = max(Float(width) / 1080, 0.2)
    }

    // MARK: Background

    mutating func background(motif: ScenePainter.Motif) {
        let p = palette
        let landscape: Set<ScenePainter.Motif> = [.hills, .horizon, .grid, .fog]
        let angle: Float = landscape.contains(motif)
            ? Float.pi / 2 + random.float(-0.3...0.3)
            : random.float(0...(2 * Float.pi))
        let glowTint = isDark ? 0.18 : random.float(0.22...0.4)
        let stops: [(position: Float, color: Color3)] = [
            (0, p.dark),
            (random.float(0.22...0.38), p.dark.mixed(p.mid, random.float(0.45...0.7))),
            (random.float(0.5...0.68), p.mid.mixed(p.accent, glowTint)),
            (random.float(0.78...0.9), p.mid.mixed(p.dark, 0.45)),
            (1, p.dark.mixed(p.mid, 0.2)),
        ]
        canvas.linearGradient(stops: stops, angle: angle)
        // Broad ambient light so the gradient is not the only variation.
        for _ in 0..<2 {
            canvas.glow(x: random.float(0...w), y: random.float(0...h), radius: w * random.float(0.6...0.95),
                        color: random.pick([p.accent, p.accent2, p.mid]), intensity: random.float(0.1...0.2))
        }
    }

    mutating func draw(_ motif: ScenePainter.Motif) {
        switch motif {
        case .hills: hills()
        case .waves: waves()
        case .rings: rings()
        case .rays: rays()
        case .horizon: horizon()
        case .grid: grid()
        case .bands: bands()
        case .fog: fog()
        }
    }

    // MARK: Motifs

    /// A ridge line across the frame: three sine octaves around `base`.
    private mutating func ridge(base: Float, amplitude: Float) -> [Float] {
        let f1 = 2 * Float.pi / (w * random.float(0.7...1.5))
        let f2 = f1 * random.float(2.2...3.1), f3 = f1 * random.float(5.5...8)
        let a = random.float(0...6.28), b = random.float(0...6.28), c = random.float(0...6.28)
        var ys = [Float](repeating: 0, count: canvas.width)
        for x in 0..<canvas.width {
            let fx = Float(x)
            ys[x] = base - amplitude * (0.62 * sin(f1 * fx + a) + 0.28 * sin(f2 * fx + b) + 0.1 * sin(f3 * fx + c))
        }
        return ys
    }

    /// Layered hills under a sky with a sun or moon: depth by aerial perspective.
    mutating func hills() {
        let p = palette
        let sunX = w * random.float(0.22...0.78), sunY = h * random.float(0.22...0.38)
        let sunColor = isDark ? p.light : p.accent2
        canvas.glow(x: sunX, y: sunY, radius: w * 0.75, color: sunColor, intensity: 0.32)
        canvas.glow(x: sunX, y: sunY, radius: w * 0.2, color: sunColor.mixed(.white, 0.3), intensity: 0.5)
        canvas.bokeh(x: sunX, y: sunY, radius: w * random.float(0.06...0.09), color: sunColor.mixed(.white, 0.4), alpha: 0.8)
        let layers = 4
        let sky = p.mid.mixed(p.accent, 0.25)
        for layer in 0..<layers {
            let depth = Float(layer) / Float(layers - 1)            // 0 far … 1 near
            let base = h * (0.5 + 0.11 * Float(layer)) + random.float(-0.02...0.02) * h
            let amplitude = h * (0.06 - 0.01 * Float(layer)) * random.float(0.8...1.2)
            let top = sky.mixed(p.dark, 0.35 + 0.6 * depth).mixed(p.mid, 0.15 * (1 - depth))
            canvas.fillBelow(ridge: ridge(base: base, amplitude: amplitude), top: top, bottom: top.mixed(p.dark, 0.6),
                             alpha: 1, haze: sky.mixed(sunColor, 0.25), hazeDepth: h * 0.05 * (1.2 - depth))
        }
    }

    /// Flowing translucent ribbons with bright edges, spread over the whole height.
    mutating func waves() {
        let p = palette
        let count = random.int(in: 5...7)
        for index in 0..<count {
            let base = h * (0.1 + 0.82 * Float(index) / Float(count - 1)) + random.float(-0.03...0.03) * h
            let upper = ridge(base: base, amplitude: h * random.float(0.03...0.07))
            let thickness = h * random.float(0.04...0.1)
            let f = 2 * Float.pi / (w * random.float(0.8...1.6)), phase = random.float(0...6.28)
            var lower = upper
            for x in 0..<canvas.width { lower[x] += thickness * (0.6 + 0.4 * sin(f * Float(x) + phase)) }
            let color = p.accents[index % 3]
            canvas.band(upper: upper, lower: lower, color: color, alphaTop: random.float(0.14...0.3), alphaBottom: 0.02)
            canvas.curveGlow(curve: upper, spread: 2.2 * unit, color: color.mixed(.white, 0.3), intensity: random.float(0.35...0.6))
            canvas.curveGlow(curve: upper, spread: 14 * unit, color: color, intensity: 0.07)
        }
    }

    /// Concentric glowing rings (orbits, ripples) around a light, with a smaller echo elsewhere.
    mutating func rings() {
        let p = palette
        let cx = w * random.float(0.3...0.7), cy = h * random.float(0.3...0.62)
        canvas.glow(x: cx, y: cy, radius: w * 0.55, color: p.accent, intensity: 0.35)
        canvas.glow(x: cx, y: cy, radius: w * 0.12, color: p.accent.mixed(.white, 0.5), intensity: 0.55)
        var radius = w * random.float(0.09...0.14)
        var index = 0
        while radius < w * 0.95 {
            let color = p.accents[index % 3]
            canvas.ring(x: cx, y: cy, radius: radius, lineWidth: unit * random.float(1.2...3.5), color: color,
                        intensity: random.float(0.3...0.6) * (1 - radius / (w * 1.4)))
            radius *= random.float(1.22...1.45)
            index += 1
        }
        let ex = cx < w / 2 ? w * random.float(0.72...0.9) : w * random.float(0.1...0.28)
        let ey = cy < h / 2 ? h * random.float(0.72...0.88) : h * random.float(0.12...0.25)
        canvas.glow(x: ex, y: ey, radius: w * 0.25, color: p.accent2, intensity: 0.2)
        for step in 1...3 {
            canvas.ring(x: ex, y: ey, radius: w * 0.05 * Float(step), lineWidth: unit * 1.5, color: p.accent2, intensity: 0.35)
        }
    }

    /// Light rays fanning down from above the frame, lighting the dust.
    mutating func rays() {
        let p = palette
        let ox = w * random.float(0.1...0.9), oy = h * random.float(-0.18 ... -0.02)
        var table = [Float](repeating: 0.04, count: 1440)
        let count = random.int(in: 10...16)
        for _ in 0..<count {
            // Aim each ray at a point inside the frame so none is wasted off-screen.
            let center = atan2(h * random.float(0.25...1) - oy, w * random.float(-0.1...1.1) - ox)
            let spread = random.float(0.006...0.045)
            let strength = random.float(0.35...1)
            for bucket in 0..<table.count {
                let angle = Float(bucket) / Float(table.count) * 2 * Float.pi - Float.pi
                let d = (angle - center) / spread
                table[bucket] += strength / (1 + d * d)
            }
        }
        let color = isDark ? p.light.mixed(p.mid, 0.3) : p.accent2.mixed(.white, 0.2)
        canvas.rays(x: ox, y: oy, table: table, length: h * 0.9, color: color, intensity: isDark ? 0.55 : 0.45)
        canvas.glow(x: ox, y: max(oy, 0), radius: w * 0.5, color: color, intensity: 0.3)
        // A low mist the rays fall into.
        canvas.band(upper: ridge(base: h * 0.8, amplitude: h * 0.03), lower: [Float](repeating: h + 2, count: canvas.width),
                    color: p.mid.mixed(color, 0.2), alphaTop: 0.05, alphaBottom: 0.35)
    }

    /// A sun on a horizon over water, with reflections.
    mutating func horizon() {
        let p = palette
        let horizonY = h * random.float(0.55...0.65)
        let sunX = w * random.float(0.35...0.65), sunRadius = w * random.float(0.14...0.2)
        let sunY = horizonY - sunRadius * random.float(0.2...0.8)
        let sun = isDark ? p.light : p.accent2
        canvas.glow(x: sunX, y: sunY, radius: w * 0.95, color: sun, intensity: 0.3)
        canvas.glow(x: sunX, y: sunY, radius: sunRadius * 2.2, color: sun.mixed(.white, 0.2), intensity: 0.35)
        canvas.bokeh(x: sunX, y: sunY, radius: sunRadius, color: sun.mixed(.white, 0.35), alpha: 0.9)
        // Far hills on the horizon, then the water.
        let hills = ridge(base: horizonY - h * 0.015, amplitude: h * 0.025)
        canvas.fillBelow(ridge: hills, top: p.mid.mixed(p.dark, 0.5), bottom: p.dark, alpha: 0.85,
                         haze: p.mid.mixed(sun, 0.3), hazeDepth: h * 0.02)
        let water = [Float](repeating: horizonY, count: canvas.width)
        canvas.fillBelow(ridge: water, top: p.mid.mixed(sun, 0.15), bottom: p.dark, alpha: 0.92,
                         haze: sun.mixed(p.mid, 0.5), hazeDepth: h * 0.03)
        canvas.curveGlow(curve: water, spread: 2 * unit, color: sun, intensity: 0.5)
        // Reflections: streaks in the sun's column, wider and sparser towards the viewer.
        var y = horizonY + 6 * unit
        while y < h {
            let depth = (y - horizonY) / (h - horizonY)
            let half = sunRadius * (0.4 + 1.2 * depth) * random.float(0.5...1.1)
            let x = sunX + random.float(-0.3...0.3) * sunRadius
            canvas.streak(x0: x - half, x1: x + half, y: y, thickness: unit * (1 + 2.5 * depth), color: sun,
                          intensity: 0.4 * (1 - depth * 0.7))
            y += unit * (4 + 40 * depth * depth) * random.float(0.7...1.4)
        }
    }

    /// A glowing perspective grid floor under a sky with a sun (gaming, science, finance).
    mutating func grid() {
        let p = palette
        let horizonY = h * random.float(0.5...0.6)
        let sunX = w * random.float(0.3...0.7)
        canvas.glow(x: sunX, y: horizonY - h * 0.1, radius: w * 0.8, color: p.accent, intensity: 0.3)
        canvas.bokeh(x: sunX, y: horizonY - h * 0.09, radius: w * random.float(0.13...0.18), color: p.accent2, alpha: 0.55)
        for step in 1...4 {
            canvas.ring(x: sunX, y: horizonY - h * 0.09, radius: w * (0.18 + 0.07 * Float(step)), lineWidth: unit * 1.2,
                        color: p.accent2, intensity: 0.25 / Float(step))
        }
        let floor = [Float](repeating: horizonY, count: canvas.width)
        canvas.fillBelow(ridge: floor, top: p.mid.mixed(p.dark, 0.4), bottom: p.dark, alpha: 0.95,
                         haze: p.accent.mixed(p.mid, 0.5), hazeDepth: h * 0.04)
        canvas.perspectiveGrid(horizon: horizonY, vanishX: sunX + random.float(-0.1...0.1) * w,
                               spacing: w * random.float(0.12...0.2), lineWidth: 1.4 * unit,
                               color: p.accent, intensity: 0.55)
        canvas.curveGlow(curve: floor, spread: 3 * unit, color: p.accent.mixed(.white, 0.3), intensity: 0.7)
        canvas.curveGlow(curve: floor, spread: 30 * unit, color: p.accent, intensity: 0.12)
    }

    /// Bold diagonal colour blocks: the graphic poster look.
    mutating func bands() {
        let p = palette
        let angle = (random.chance(0.5) ? 1 : -1) * random.float(0.35...0.65)
        let nx = -sin(angle), ny = cos(angle)
        let corners: [Float] = [0, w * nx, h * ny, w * nx + h * ny]
        let low = corners.min()!, high = corners.max()!
        let span = high - low
        canvas.glow(x: w * random.float(0.3...0.7), y: h * random.float(0.3...0.7), radius: w * 0.7, color: p.accent, intensity: 0.3)
        var position = low + span * random.float(0.05...0.15)
        var index = 0
        while position < high {
            let width = span * random.float(0.05...0.16)
            let lit = index % 2 == 0
            // Lit blocks in the accents alternate with shaded blocks in the background dark.
            let color = lit ? [p.accent, p.accent2, p.light][(index / 2) % 3] : p.dark
            let alpha = lit ? random.float(0.35...0.7) : random.float(0.25...0.45)
            canvas.stripe(angle: angle, from: position, to: position + width, softness: 1.5 * unit, color: color, alpha: alpha,
                          fade: random.float(0.3...0.85), screen: lit)
            position += width + span * random.float(0.03...0.1)
            index += 1
        }
        canvas.ring(x: w * random.float(0.25...0.75), y: h * random.float(0.25...0.75), radius: w * random.float(0.25...0.38),
                    lineWidth: unit * 4, color: p.light, intensity: 0.35)
    }

    /// Drifting fog around a pale moon over dark silhouettes (horror, mystery, story).
    mutating func fog() {
        let p = palette
        let moonX = w * random.float(0.25...0.75), moonY = h * random.float(0.15...0.3)
        canvas.glow(x: moonX, y: moonY, radius: w * 0.7, color: p.light, intensity: 0.22)
        canvas.bokeh(x: moonX, y: moonY, radius: w * random.float(0.07...0.1), color: p.light.mixed(.white, 0.3), alpha: 0.85)
        let gw = max(canvas.width / 8, 8), gh = max(canvas.height / 8, 8)
        let rows = (0..<canvas.height).map { y -> Float in
            let t = Float(y) / h
            return 0.25 + 0.75 * max(0, min(1, (t - 0.2) / 0.6))
        }
        // Wide, flat fog banks: features about half the width across and a sixth of it tall.
        var raw = NoiseField.fractal(width: gw, height: gh, scaleX: 8 / (w * 0.5), scaleY: 8 / (w * 0.16), octaves: 4,
                                     seed: UInt32(truncatingIfNeeded: random.next()))
        for index in raw.indices {
            let t = max(0, min(1, (raw[index] - 0.42) / 0.22))
            raw[index] = t * t * (3 - 2 * t)
        }
        let fogColor = p.light.mixed(p.mid, 0.4)
        canvas.fog(field: raw, fieldWidth: gw, fieldHeight: gh, color: fogColor, alpha: 0.6, rows: rows)
        for layer in 0..<2 {
            let base = h * (0.74 + 0.1 * Float(layer))
            canvas.fillBelow(ridge: ridge(base: base, amplitude: h * 0.05), top: p.dark.mixed(p.mid, 0.25 - 0.2 * Float(layer)),
                             bottom: p.dark, alpha: 1, haze: fogColor, hazeDepth: h * 0.03)
        }
        var low = NoiseField.fractal(width: gw, height: gh, scaleX: 8 / (w * 0.35), scaleY: 8 / (w * 0.1), octaves: 3, seed: UInt32(truncatingIfNeeded: random.next()))
        for index in low.indices { low[index] = max(0, min(1, (low[index] - 0.38) / 0.3)) }
        let lowRows = (0..<canvas.height).map { y -> Float in max(0, (Float(y) / h - 0.7) / 0.3) }
        canvas.fog(field: low, fieldWidth: gw, fieldHeight: gh, color: fogColor, alpha: 0.6, rows: lowRows)
    }

    // MARK: Detail everywhere

    /// Out-of-focus highlights, spread over the frame by bands so no area is empty.
    mutating func bokeh() {
        let p = palette
        let count = random.int(in: 12...20)
        for index in 0..<count {
            let band = Float(index % 6) / 6
            let x = random.float(0...w), y = (band + random.float(0...(1 / 6))) * h
            let radius = w * random.float(0.015...0.08)
            canvas.bokeh(x: x, y: y, radius: radius, color: random.pick(p.accents), alpha: random.float(0.05...0.16))
        }
    }

    /// Fine dust or stars: small sharp points of light across the whole picture.
    mutating func dust() {
        let p = palette
        let count = Int(Float(random.int(in: 180...320)) * max(unit, 0.5))
        for _ in 0..<count {
            let radius = unit * random.float(1.2...4.5)
            canvas.glow(x: random.float(0...w), y: random.float(0...h), radius: radius,
                        color: random.pick([p.light, p.accent2, .white]), intensity: random.float(0.15...0.8))
        }
    }
}
