import Foundation

/// The single ffmpeg invocation that renders a whole video: every scene, the captions and the mixed
/// audio in one process and one encode.
///
/// The old system encoded each scene, then the concatenation, then the final composite: three lossy
/// encodes and three times the CPU. Here the scenes are joined inside the filter graph (`concat`), the
/// captions are burned once, and the encoder sees every frame exactly once.
public struct RenderGraph: Sendable {
    public var request: RenderRequest

    public init(_ request: RenderRequest) {
        self.request = request
    }

    /// Frame index at which each scene starts, plus the total frame count at the end.
    ///
    /// Scene starts are rounded to frames once; each scene lasts until the next one starts, and the last
    /// one until the end of the video, so the scenes always tile exactly `frameCount` frames.
    public var sceneBoundaries: [Int] {
        let total = max(1, request.frameCount)
        var boundaries = [0]
        for scene in request.scenes.dropFirst() {
            let start = Int((scene.start * Double(request.fps)).rounded())
            let previous = boundaries[boundaries.count - 1]
            guard previous + 1 < total else { break }
            boundaries.append(min(max(start, previous + 1), total - 1))
        }
        boundaries.append(total)
        return boundaries
    }

    /// Frames of crossfade actually used: even, and no longer than the shortest scene.
    public var crossfadeFrames: Int {
        let boundaries = sceneBoundaries
        guard boundaries.count > 2 else { return 0 }
        let shortest = zip(boundaries, boundaries.dropFirst()).map { $1 - $0 }.min() ?? 0
        let requested = Int((request.crossfade * Double(request.fps)).rounded())
        let frames = min(requested, shortest) / 2 * 2
        return frames >= 2 ? frames : 0
    }

    /// The filter graph (`-filter_complex`), with `[vout]` and `[aout]` as its outputs.
    public var filterGraph: String {
        let boundaries = sceneBoundaries
        let sceneCount = boundaries.count - 1
        let fade = crossfadeFrames
        let half = fade / 2
        var chains: [String] = []
        for index in 0..<sceneCount {
            // With a crossfade each scene also covers half the fade on either side of its cuts.
            let start = index == 0 ? 0 : boundaries[index] - half
            let end = index == sceneCount - 1 ? boundaries[index + 1] : boundaries[index + 1] + half
            let motion = SceneMotion(
                effect: request.scenes[index].effect, frames: end - start,
                width: request.width, height: request.height, fps: request.fps, index: index)
            chains.append(motion.chain(input: "\(index):v", output: "s\(index)"))
        }
        var video = ""
        if fade == 0 {
            video = (0..<sceneCount).map { "[s\($0)]" }.joined() + "concat=n=\(sceneCount):v=1:a=0"
        } else {
            // xfade's offset is where the incoming scene starts on the output timeline.
            let duration = String(format: "%.6f", Double(fade) / Double(request.fps))
            var stream = "[s0]"
            for index in 1..<sceneCount {
                let offset = String(format: "%.6f", Double(boundaries[index] - half) / Double(request.fps))
                video = "\(stream)[s\(index)]xfade=transition=fade:duration=\(duration):offset=\(offset)"
                if index < sceneCount - 1 {
                    chains.append(video + "[x\(index)]")
                    stream = "[x\(index)]"
                }
            }
        }
        if let captions = request.captions {
            video += ",ass=filename=" + FilterGraphEscaping.filterValue(captions.path)
            if let fonts = request.fontsDirectory {
                video += ":fontsdir=" + FilterGraphEscaping.filterValue(fonts.path)
            }
        }
        video += ",format=yuv420p[vout]"
        chains.append(video)
        chains += audioChains(voiceInput: sceneCount, musicInput: request.music == nil ? nil : sceneCount + 1)
        return chains.joined(separator: ";")
    }

    /// Voice padded to the full length; music looped, trimmed, faded and ducked under the voice with a
    /// sidechain compressor; then one loudness normalisation to −14 LUFS / −1.5 dBTP for the platform.
    private func audioChains(voiceInput: Int, musicInput: Int?) -> [String] {
        let duration = seconds(request.duration)
        let layout = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo"
        let master = "loudnorm=I=-14:TP=-1.5:LRA=11,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo[aout]"
        let delay = request.voiceDelay > 0 ? "adelay=delays=\(Int((request.voiceDelay * 1000).rounded())):all=1," : ""
        let voice = "[\(voiceInput):a]\(layout),\(delay)apad=whole_dur=\(duration)"
        guard let musicInput else {
            return [voice + "," + master]
        }
        let fadeOut = min(2.5, request.duration / 4)
        let fadeIn = min(1.0, request.duration / 4)
        return [
            voice + ",asplit=2[voice][key]",
            "[\(musicInput):a]\(layout),atrim=end=\(duration),asetpts=N/SR/TB,volume=\(seconds(request.musicGainDb))dB"
                + ",afade=t=in:d=\(seconds(fadeIn)),afade=t=out:st=\(seconds(request.duration - fadeOut)):d=\(seconds(fadeOut))[bed]",
            "[bed][key]sidechaincompress=threshold=0.03:ratio=4:attack=20:release=400[ducked]",
            "[voice][ducked]amix=inputs=2:duration=first:dropout_transition=0:normalize=0," + master,
        ]
    }

    /// The complete ffmpeg argument list (without the executable), writing to `output`.
    public func arguments(output: URL, progress: Bool = true) -> [String] {
        var arguments = ["-hide_banner", "-nostdin", "-y", "-v", "error"]
        if progress { arguments += ["-progress", "pipe:1", "-nostats"] }
        for scene in request.scenes.prefix(sceneBoundaries.count - 1) {
            arguments += ["-f", "image2", "-pattern_type", "none", "-framerate", String(request.fps), "-i", "file:" + scene.image.path]
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
