import ProjectModel

/// The filter chain that turns one still image (or one video clip, ``clipChain(input:output:)``) into
/// `frames` moving frames.
///
/// The image is scaled once (lanczos) to the size the move needs and converted to yuv420p once; `loop`
/// then repeats that single frame, so nothing is decoded or scaled per frame except for zooms.
///
/// Pans and tilts move a `crop` window (no copy) by the same whole number of pixels every frame — at
/// least one — so the motion is perfectly even: no resampling blur, and none of the 0-1-0-1 stutter a
/// fractional speed rounded to whole pixels gives. The travel follows from the speed and the scene's
/// length, and the image is scaled once to just cover it. (The old system's pans sat still for 95 % of
/// the scene and jumped at the end.) Zooms rescale once per distinct size (see ``zoom(inward:)``).
struct SceneMotion: Sendable {
    var effect: MotionEffect
    var frames: Int
    var width: Int
    var height: Int
    var fps: Int
    /// Alternates the drift direction of neighbouring scenes.
    var index: Int
    /// Gives the scene its own entrance (fade in from black, white flash). Off for the first scene — its
    /// first frame is the cover people see — and when a transition already makes the entrance.
    var treatsEntrance: Bool = false
    /// Gives a `fade` scene its own fade to black at the end (the last scene, or one followed by a cut).
    var treatsExit: Bool = false

    /// Travel a pan aims for, as a fraction of the frame along its axis.
    static let panTarget = 0.12
    /// Longest pan travel, as a fraction of the frame: past it, the image would be enlarged too much.
    static let panLimit = 0.35
    /// Zoom range bounds, as a fraction of the width.
    static let zoomRange = (minimum: 0.10, maximum: 0.22)

    /// The whole-pixel move per frame and the frames per move, for a pan over `length` pixels of frame.
    ///
    /// Normally one move a frame of `speed` pixels. A scene so long that one pixel a frame would travel
    /// past ``panLimit`` steps one pixel every `period` frames instead: still a steady rhythm.
    static func panStep(frames: Int, length: Int) -> (speed: Int, period: Int) {
        let moves = max(1, frames - 1)
        let target = panTarget * Double(length)
        let speed = max(1, Int((target / Double(moves)).rounded()))
        let limit = Int(panLimit * Double(length))
        if speed * moves <= limit { return (speed, 1) }
        let period = (moves + limit - 1) / max(1, limit)
        return (1, max(1, period))
    }

    /// The chain from `input` (an image stream label such as `0:v`) to `output` (a label).
    func chain(input: String, output: String) -> String {
        let plan = movement
        var filters = [
            "scale=\(plan.coverWidth):\(plan.coverHeight):force_original_aspect_ratio=increase:flags=lanczos:out_color_matrix=bt709:out_range=tv",
            "crop=\(plan.coverWidth):\(plan.coverHeight)",
            "format=yuv420p",
        ]
        if !plan.filters.contains(where: { $0.hasPrefix("loop=") }) {
            filters += ["loop=loop=\(max(0, frames - 1)):size=1:start=0", "settb=1/\(fps)", "setpts=N"]
        }
        filters += plan.filters
        filters += treatment
        // Pinned, so format negotiation cannot pull a whole scene into the 4:4:4 that `xfade` needs.
        filters += ["setsar=1", "format=yuv420p"]
        return "[\(input)]" + filters.joined(separator: ",") + "[\(output)]"
    }

    /// The chain from a video clip's stream `input` to exactly ``frames`` frames: the clip's own motion
    /// at the render's frame rate, scaled to cover the frame and centre-cropped (no bars whatever its
    /// shape), its last frame held should it run short, then the scene's treatment. No pan or zoom: the
    /// clip moves by itself.
    func clipChain(input: String, output: String) -> String {
        var filters = [
            "setpts=PTS-STARTPTS",
            // First, so a 60 fps clip is scaled at 30.
            "fps=\(fps)",
            "scale=\(width):\(height):force_original_aspect_ratio=increase:flags=bicubic:out_color_matrix=bt709:out_range=tv",
            "crop=\(width):\(height)",
            "format=yuv420p",
            "tpad=stop_mode=clone:stop=\(frames)",
            "trim=end_frame=\(frames)",
            "settb=1/\(fps)",
            "setpts=N",
        ]
        filters += treatment
        filters += ["setsar=1", "format=yuv420p"]
        return "[\(input)]" + filters.joined(separator: ",") + "[\(output)]"
    }

    struct Plan {
        var coverWidth: Int
        var coverHeight: Int
        var filters: [String]
    }

    /// The size the image is scaled to and the filters that move over it.
    var movement: Plan {
        switch effect {
        case .panRight: return pan(horizontal: true, forward: true)
        case .panLeft: return pan(horizontal: true, forward: false)
        case .tiltDown: return pan(horizontal: false, forward: true)
        case .tiltUp: return pan(horizontal: false, forward: false)
        case .slowZoomIn: return zoom(inward: true)
        case .slowZoomOut: return zoom(inward: false)
        case .static:
            return Plan(coverWidth: width, coverHeight: height, filters: [])
        case .fade, .flashCut, .glitch:
            // Treatments ride on a calm sideways drift, alternating direction, so the picture is never frozen.
            return pan(horizontal: true, forward: index.isMultiple(of: 2))
        }
    }

    /// A window moving `speed` pixels every `period` frames along one axis, centred on the other.
    private func pan(horizontal: Bool, forward: Bool) -> Plan {
        let length = horizontal ? width : height
        let step = Self.panStep(frames: frames, length: length)
        let moves = max(1, frames - 1)
        let travel = step.speed * (moves / step.period)
        // Cover the frame plus the travel along the axis, keeping the frame's aspect ratio.
        let scale = Double(length + travel) / Double(length)
        let coverWidth = horizontal ? even(width + travel, up: true) : even(Double(width) * scale, up: true)
        let coverHeight = horizontal ? even(Double(height) * scale, up: true) : even(height + travel, up: true)
        let position = step.period == 1 ? "\(step.speed)*n" : "floor(n/\(step.period))"
        let moving = forward ? position : "\(travel)-\(position)"
        let x = horizontal ? moving : "\((coverWidth - width) / 2)"
        let y = horizontal ? "\((coverHeight - height) / 2)" : moving
        return Plan(coverWidth: coverWidth, coverHeight: coverHeight, filters: [crop(x: x, y: y)])
    }

    private var treatment: [String] {
        let edge = min(frames / 4, Int((0.4 * Double(fps)).rounded()))
        var filters: [String] = []
        switch effect {
        case .fade where edge > 0:
            if treatsEntrance { filters.append("fade=t=in:s=0:n=\(edge)") }
            if treatsExit { filters.append("fade=t=out:s=\(frames - edge):n=\(edge)") }
        case .flashCut where treatsEntrance:
            filters.append("fade=t=in:s=0:n=\(max(1, min(frames, fps / 5))):color=white")
        case .glitch:
            // Short bursts of colour split and noise at the start and the middle.
            let burst = max(1, fps / 6)
            let middle = frames / 2
            let when = "lt(n\\,\(burst))+between(n\\,\(middle)\\,\(middle + burst / 2))"
            let shift = max(2, width / 90)
            filters += [
                "chromashift=cbh=-\(shift):crh=\(shift):enable='\(when)'",
                "noise=alls=24:allf=t:enable='\(when)'",
            ]
        default:
            break
        }
        return filters
    }

    /// Scales the covered image to a size between the frame size and the covered size and crops the
    /// centre. Sizes grow in 2-pixel steps (height tied to width), so the crop offset is a whole pixel
    /// and the centre never wobbles.
    ///
    /// There are only `steps + 1` distinct sizes, usually fewer than the scene has frames: each size is
    /// then scaled once, stamped with the frame where it first appears, and `fps` repeats it until the
    /// next one (references, not copies); `trim` drops the extra frame `fps` adds at the end. The range
    /// grows with the scene so a step comes at least every third frame or so, within ``zoomRange``.
    private func zoom(inward: Bool) -> Plan {
        let wanted = Double(frames) / 2.5 * 2
        let spare = even(min(max(wanted, Self.zoomRange.minimum * Double(width)), Self.zoomRange.maximum * Double(width)), up: false)
        let coverWidth = width + max(2, spare)
        let coverHeight = even(Double(height) * Double(coverWidth) / Double(width), up: true)
        let steps = max(1, (coverWidth - width) / 2)
        let halfY = (coverHeight - height) / 2
        let last = max(1, frames - 1)
        var filters: [String]
        if steps < last {
            let index = inward ? "n" : "(\(steps)-n)"
            filters = [
                "loop=loop=\(steps):size=1:start=0",
                "settb=1/\(fps)",
                // ceil(n × (frames − 1) / steps): the first frame at which size number n is reached.
                "setpts='floor((N*\(last)+\(steps - 1))/\(steps))'",
            ] + resize(index: index, steps: steps, halfY: halfY) + ["fps=\(fps)", "trim=end_frame=\(frames)"]
        } else {
            let reached = "trunc(\(steps)*n/\(last))"
            filters = resize(index: inward ? reached : "(\(steps)-\(reached))", steps: steps, halfY: halfY)
        }
        return Plan(coverWidth: coverWidth, coverHeight: coverHeight, filters: filters)
    }

    private func resize(index: String, steps: Int, halfY: Int) -> [String] {
        let offsetY = "round(\(index)*\(halfY)/\(steps))"
        return [
            "scale=w='\(width)+2*\(index)':h='\(height)+2*\(offsetY)':eval=frame:flags=bilinear",
            "crop=w=\(width):h=\(height):x='\(index)':y='\(offsetY)':exact=1",
        ]
    }

    private func crop(x: String, y: String) -> String {
        "crop=w=\(width):h=\(height):x='\(x)':y='\(y)':exact=1"
    }

    private func even(_ value: Int, up: Bool) -> Int { even(Double(value), up: up) }

    private func even(_ value: Double, up: Bool) -> Int {
        let half = value / 2
        return Int(up ? half.rounded(.up) : half.rounded(.down)) * 2
    }
}
