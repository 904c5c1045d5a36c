#!/usr/bin/env python3
"""encoder-args.py RENDER_ARGS [--replay OUT | --describe]: from the logged arguments of tiktok-ai's render
(one per line): the video encoder options (default, for the encode-only limit), the whole call with CRF 10
writing OUT (--replay, for the SSIM reference), or a one-line description of the settings (--describe)."""
import sys
args = open(sys.argv[1]).read().split("\n")[:-1]
start = args.index("-c:v")
end = args.index("-c:a")
video = args[start:end]
if len(sys.argv) > 2 and sys.argv[2] == "--replay":
    replay = [a for a in args if a not in ("-progress", "pipe:1")]
    replay[replay.index("-crf") + 1] = "10"
    replay[-1] = "file:" + sys.argv[3]
    print("\n".join(replay))
elif len(sys.argv) > 2 and sys.argv[2] == "--describe":
    opts = dict(zip(video[::2], video[1::2]))
    audio = dict(zip(args[end:end + 6:2], args[end + 1:end + 6:2]))
    print(f"{opts['-c:v']} {opts['-profile:v']} {opts['-pix_fmt']} preset {opts['-preset']} CRF {opts['-crf']}, "
          f"keyframe every {opts['-g']} frames, {opts['-r']} fps, BT.709; {audio.get('-c:a')} {audio.get('-b:a')} "
          f"{audio.get('-ar')} Hz; MP4 +faststart")
else:
    print("\n".join(video))
