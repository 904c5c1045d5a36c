#!/usr/bin/env python3
"""render-step.py STATUS.json FFMPEG_LOG WHOLE_TIMING ROUND: two TSV rows for one tiktok-ai run — the render
step alone (its seconds from status.json; CPU and peak memory of the ffmpeg runs started inside the step)
and the whole `tiktok-ai render` command."""
import json, sys
from datetime import datetime

status, log, whole, round_ = sys.argv[1:5]
steps = {s["name"]: s for s in json.load(open(status))["steps"]}
render = steps["render"]
def epoch(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
start, end = epoch(render["startedAt"]), epoch(render["finishedAt"])
cpu, rss = 0.0, 0
for line in open(log):
    began, wall, user, system, maxrss, _ = line.split()
    if start - 0.5 <= float(began) <= end + 0.5:
        cpu += float(user) + float(system)
        rss = max(rss, int(maxrss))
print(f"{round_}\trender\t{render['seconds']:.2f} {cpu:.2f} 0 {rss}")
print(f"{round_}\twhole\t{open(whole).read().strip()}")
