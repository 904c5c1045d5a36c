import Foundation

/// The single ffmpeg invocation that renders a whole video: every scene with its motion, the transitions,
/// the captions and on-screen text, and the mastered audio mix, in one process and one encode.
///
/// The old system encoded each scene, then the concatenation, then the final composite: three lossy
/// encodes and three times the CPU. Here the scenes are joined inside the filter graph (`xfade`, or
/// `concat` for a cut), captions and text are burned in one `ass` pass, and the encoder sees every frame
/// exactly once.
public struct RenderGraph: Sendable {
    public var request: RenderRequest

    public init(_ request: RenderRequest) {
        self.request = request
    }

    /// The frame grid: scene changes and transition lengths.
    public var timeline: SceneTimeline {
        SceneTimeline(starts: request.scenes.map(\.start), duration: request.duration, fps: request.fps,
                      transitions: request.transitions)
    }

    /// Frame index at which each scene starts, plus the total frame count at the end.
    public var sceneBoundaries: [Int] { timeline.boundaries }

    /// Frames of each transition actually used, one per scene change (0 = a cut).
    public var transitionFrames: [Int] { timeline.transitionFrames }

    /// The filter graph (`-filter_complex`), with `[vout]` and `[aout]` as its outputs.
    ///
    /// `xfade` works only in full-chroma formats (4:4:4, RGB), so a scene chain that went through it
    /// whole would be converted from yuv420p and back on every frame — about a quarter of the encode's
    /// cost again. Instead each scene is split into its head (the frames it shares with the transition
    /// before it), its middle, and its tail; only heads and tails meet in `xfade`, and one `concat` joins
    /// middles and transitions in order. The conversion then touches the transition frames alone.
    public var filterGraph: String {
        let timeline = timeline
        let sceneCount = timeline.sceneCount
        var chains: [String] = []
        var segments: [String] = []
        var previousTail: String?
        for index in 0..<sceneCount {
            // Each scene also covers half of the transition on either side of it.
            let (lead, tail) = timeline.overlap(scene: index)
            let frames = timeline.frames(scene: index)
            let scene = request.scenes[index]
            let motion = SceneMotion(
                effect: scene.effect, frames: frames,
                width: request.width, height: request.height, fps: request.fps, index: index,
                treatsEntrance: index > 0 && lead == 0,
                treatsExit: index == sceneCount - 1 || tail == 0)
            let head = lead * 2
            let end = tail * 2
            let parts = [head > 0 ? "h\(index)" : nil, "m\(index)", end > 0 ? "t\(index)" : nil].compactMap { $0 }
            let chain = { (output: String) in
                switch scene.picture {
                case .still: motion.chain(input: "\(index):v", output: output)
                case .clip: motion.clipChain(input: "\(index):v:0", output: output)
                }
            }
            if parts.count == 1 {
                chains.append(chain("m\(index)"))
            } else {
                chains.append(chain("s\(index)"))
                chains.append("[s\(index)]split=\(parts.count)" + parts.map { "[\($0)in]" }.joined())
                if head > 0 { chains.append("[h\(index)in]trim=end_frame=\(head),setpts=PTS-STARTPTS[h\(index)]") }
                chains.append("[m\(index)in]trim=start_frame=\(head):end_frame=\(frames - end),setpts=PTS-STARTPTS[m\(index)]")
                if end > 0 { chains.append("[t\(index)in]trim=start_frame=\(frames - end),setpts=PTS-STARTPTS[t\(index)]") }
            }
            if head > 0, let previousTail {
                let kind = request.transitions[index - 1].kind.xfadeName ?? "fade"
                chains.append("[\(previousTail)][h\(index)]xfade=transition=\(kind):duration=\(time(head)):offset=0,format=yuv420p[x\(index)]")
                segments.append("x\(index)")
            }
            segments.append("m\(index)")
            previousTail = end > 0 ? "t\(index)" : nil
        }
        var video: String
        if segments.count == 1 {
            video = "[\(segments[0])]"
        } else {
            chains.append(segments.map { "[\($0)]" }.joined() + "concat=n=\(segments.count):v=1:a=0[joined]")
            video = "[joined]"
        }
        if let captions = request.captions {
            video += "ass=filename=" + FilterGraphEscaping.filterValue(captions.path)
            if let fonts = request.fontsDirectory {
                video += ":fontsdir=" + FilterGraphEscaping.filterValue(fonts.path)
            }
            video += ","
        }
        chains.append(video + "format=yuv420p[vout]")
        let mix = AudioMixGraph(duration: request.duration, voiceDelay: request.voiceDelay, levels: request.levels ?? .nominal)
        chains += mix.chains(voiceInput: sceneCount, musicInput: request.music == nil ? nil : sceneCount + 1, output: "aout")
        return chains.joined(separator: ";")
    }

    /// A frame count as seconds on the output timeline.
    private func time(_ frames: Int) -> String { String(format: "%.6f", Double(frames) / Double(request.fps)) }

    /// The complete ffmpeg argument list (without the executable), writing to `output`.
    public func arguments(output: URL, progress: Bool = true) -> [String] {
        var arguments = ["-hide_banner", "-nostdin", "-y", "-v", "error"]
        if progress { arguments += ["-progress", "pipe:1", "-nostats"] }
        let timeline = timeline
        for (index, scene) in request.scenes.prefix(timeline.sceneCount).enumerated() {
            switch scene.picture {
            case .still(let image):
                arguments += ["-f", "image2", "-pattern_type", "none", "-framerate", String(request.fps), "-i", "file:" + image.path]
            case .clip(let video):
                // Looped for as long as the scene needs (a longer clip is simply cut), half a second
                // spare for the frame-rate conversion; its sound is never read.
                let needed = Double(timeline.frames(scene: index)) / Double(request.fps) + 0.5
                arguments += ["-stream_loop", "-1", "-t", seconds(needed), "-an", "-sn", "-dn", "-i", "file:" + video.path]
            }
        }
        arguments += ["-i", "file:" + request.voice.path]
        if let music = request.music {
            arguments += ["-stream_loop", "-1", "-i", "file:" + music.path]
        }
        arguments += ["-filter_complex", filterGraph, "-map", "[vout]", "-map", "[aout]"]
        arguments += request.encoder.videoArguments(fps: request.fps)
        arguments += request.encoder.audioArguments
        arguments += ["-t", seconds(request.duration)]
        arguments += request.encoder.containerArguments
        arguments += ["file:" + output.path]
        return arguments
    }

    /// Seconds with millisecond precision and no exponent.
    private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
}
