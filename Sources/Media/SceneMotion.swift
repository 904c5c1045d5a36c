import ProjectModel

/// The filter chain that turns one still image into `frames` moving frames.
///
/// The image is scaled once (lanczos) to cover the frame with ``headroom`` to spare and converted to
/// yuv420p once; `loop` then repeats that single frame, so nothing is decoded or scaled per frame except
/// for zooms. Pans and tilts move a `crop` window (no copy, any pixel offset) across the spare area from
/// the first frame to the last — the old system's pans sat still for 95 % of the scene and jumped at the
/// end. Zooms rescale with a cheap bilinear filter, once per distinct size (see ``zoom(inward:)``).
struct SceneMotion: Sendable {
    var effect: MotionEffect
    var frames: Int
    var width: Int
    var height: Int
    var fps: Int
    /// Alternates the drift direction of neighbouring scenes.
    var index: Int

    /// Spare image around the frame: 15 % of each dimension.
    static let headroom = 0.15

    var coverWidth: Int { even(Double(width) * (1 + Self.headroom)) }
    var coverHeight: Int { even(Double(height) * (1 + Self.headroom)) }

    /// The chain from `input` (an image stream label such as `0:v`) to `output` (a label).
    func chain(input: String, output: String) -> String {
        var filters = [
            "scale=\(coverWidth):\(coverHeight):force_original_aspect_ratio=increase:flags=lanczos:out_color_matrix=bt709:out_range=tv",
            "crop=\(coverWidth):\(coverHeight)",
            "format=yuv420p",
        ]
        let motion = movement
        if !motion.contains(where: { $0.hasPrefix("loop=") }) {
            filters += ["loop=loop=\(max(0, frames - 1)):size=1:start=0", "settb=1/\(fps)", "setpts=N"]
        }
        filters += motion
        filters += treatment
        filters.append("setsar=1")
        return "[\(input)]" + filters.joined(separator: ",") + "[\(output)]"
    }

    /// Progress through the scene, 0 at the first frame and 1 at the last.
    private var progress: String { "(n/\(max(1, frames - 1)))" }

    private var movement: [String] {
        let spareX = coverWidth - width
        let spareY = coverHeight - height
        let p = progress
        let centreX = spareX / 2
        let centreY = spareY / 2
        switch effect {
        case .panRight:
            return [crop(x: "\(spareX)*\(p)", y: "\(centreY)")]
        case .panLeft:
            return [crop(x: "\(spareX)*(1-\(p))", y: "\(centreY)")]
        case .tiltDown:
            return [crop(x: "\(centreX)", y: "\(spareY)*\(p)")]
        case .tiltUp:
            return [crop(x: "\(centreX)", y: "\(spareY)*(1-\(p))")]
        case .slowZoomIn:
            return zoom(inward: true)
        case .slowZoomOut:
            return zoom(inward: false)
        case .static, .fade, .flashCut, .glitch:
            // A slow drift through the centre (two thirds of the spare width): calm, but never frozen.
            let reach = spareX * 2 / 3
            let direction = index.isMultiple(of: 2) ? p : "(1-\(p))"
            return [crop(x: "\(centreX - reach / 2)+\(reach)*\(direction)", y: "\(centreY)")]
        }
    }

    private var treatment: [String] {
        let edge = min(frames / 4, Int((0.4 * Double(fps)).rounded()))
        switch effect {
        case .fade where edge > 0:
            return ["fade=t=in:s=0:n=\(edge)", "fade=t=out:s=\(frames - edge):n=\(edge)"]
        case .flashCut:
            return ["fade=t=in:s=0:n=\(max(1, min(frames, fps / 5))):color=white"]
        case .glitch:
            let burst = max(1, fps / 6)
            let middle = frames / 2
            let when = "lt(n\\,\(burst))+between(n\\,\(middle)\\,\(middle + burst / 2))"
            return [
                "chromashift=cbh=-\(max(2, width / 90)):crh=\(max(2, width / 90)):enable='\(when)'",
                "noise=alls=24:allf=t:enable='\(when)'",
            ]
        default:
            return []
        }
    }

    /// Scales the covered image to a size between the frame size and the covered size and crops the
    /// centre. Sizes grow in 2-pixel steps (height tied to width), so the crop offset is a whole pixel
    /// and the zoom stays centred.
    ///
    /// There are only `steps + 1` distinct sizes, usually fewer than the scene has frames: each size is
    /// then scaled once, stamped with the frame where it first appears, and `fps` repeats it until the
    /// next one (references, not copies); `trim` drops the extra frame `fps` adds at the end. A 10 s
    /// zoom at 1080x1920 scales 82 frames instead of 300.
    private func zoom(inward: Bool) -> [String] {
        let steps = max(1, (coverWidth - width) / 2)
        let halfY = (coverHeight - height) / 2
        let last = max(1, frames - 1)
        if steps < last {
            let index = inward ? "n" : "(\(steps)-n)"
            return [
                "loop=loop=\(steps):size=1:start=0",
                "settb=1/\(fps)",
                // ceil(n × (frames − 1) / steps): the first frame at which size number n is reached.
                "setpts='floor((N*\(last)+\(steps - 1))/\(steps))'",
            ] + resize(index: index, steps: steps, halfY: halfY) + ["fps=\(fps)", "trim=end_frame=\(frames)"]
        }
        let reached = "trunc(\(steps)*n/\(last))"
        return resize(index: inward ? reached : "(\(steps)-\(reached))", steps: steps, halfY: halfY)
    }

    private func resize(index: String, steps: Int, halfY: Int) -> [String] {
        let offsetY = "round(\(index)*\(halfY)/\(steps))"
        return [
            "scale=w='\(width)+2*\(index)':h='\(height)+2*\(offsetY)':eval=frame:flags=fast_bilinear",
            "crop=w=\(width):h=\(height):x='\(index)':y='\(offsetY)':exact=1",
        ]
    }

    private func crop(x: String, y: String) -> String {
        "crop=w=\(width):h=\(height):x='\(x)':y='\(y)':exact=1"
    }

    private func even(_ value: Double) -> Int { Int((value / 2).rounded()) * 2 }
}
