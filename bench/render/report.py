#!/usr/bin/env python3
"""report.py ROUNDS.tsv SSIM SETTINGS VOICE_SECONDS LOUDNESS: the benchmark table (medians) as Markdown."""
import statistics, sys
rows, ssim, settings, voice, loudness = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4]), sys.argv[5]
runs = {}
for line in open(rows):
    round_, path, timing = line.rstrip("\n").split("\t")
    wall, user, system, rss = timing.split()
    runs.setdefault(path, []).append((float(wall), float(user) + float(system), int(rss)))
names = {
    "render": "tiktok-ai render step (one ffmpeg pass + loudness passes)",
    "whole": "tiktok-ai `render` command, whole pipeline",
    "encode-only": "encode-only limit of that output (same encoder settings)",
    "seed": "seed system path (3 encodes, `upstream_path.sh`)",
    "moviepy": "MoviePy 2.2.1 path (`moviepy_path.py`)",
}
median = {p: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v), max(r[2] for r in v)) for p, v in runs.items()}
print(f"Render benchmark: {voice:.1f} s, 1080x1920, 30 fps; medians over the rounds, paths side by side.\n")
print("| path | rounds | wall | CPU (user+sys) | peak memory |")
print("|---|---|---|---|---|")
for path in ["render", "whole", "encode-only", "seed", "moviepy"]:
    if path in median:
        wall, cpu, rss = median[path]
        memory = f"{rss / 1024:.0f} MB" if rss else "—"
        print(f"| {names[path]} | {len(runs[path])} | {wall:.1f} s | {cpu:.1f} s | {memory} |")
def ratio(a, b):
    return f"{median[a][0] / median[b][0]:.2f}" if a in median and b in median else "—"
print()
print(f"- render / encode-only limit: **{ratio('render', 'encode-only')}** (wall; target ≤ 1.25)")
print(f"- seed path / render: **{ratio('seed', 'render')}×** (target ≥ 6); MoviePy / render: **{ratio('moviepy', 'render')}×** (target ≥ 12)")
print(f"- SSIM of the output against the same graph at CRF 10: **{ssim}** (target ≥ 0.97)")
print(f"- output loudness: {loudness}")
print(f"- encoder: {settings}")
