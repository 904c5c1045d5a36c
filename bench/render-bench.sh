#!/usr/bin/env bash
# Render benchmark (issue 3): tiktok-ai's render against the encode-only limit of its own output, the seed
# system's render path and the MoviePy path, on the fixed inputs of ../shared/bench, side by side in one run.
#
#   bench/render-bench.sh            # release build, inputs, 3 rounds of every path, SSIM, the table
#
# Environment: BENCH_SHARED (default ../shared/bench), BENCH_WORK (default $TMPDIR/tiktok-ai-render-bench), BENCH_RUNS (3),
# BENCH_SKIP (comma list of seed,moviepy to leave out), SWIFT_SCRATCH (a --scratch-path for the build).
# Prints wall time, CPU time (user+sys, children included) and peak memory (max RSS) per path as medians,
# the ratios, and the SSIM of the output against the same graph encoded at CRF 10; writes results.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
shared=$(cd "${BENCH_SHARED:-$repo/../shared/bench}" && pwd)
work=${BENCH_WORK:-${TMPDIR:-/tmp}/tiktok-ai-render-bench}
runs=${BENCH_RUNS:-3}
skip=",${BENCH_SKIP:-},"
mkdir -p "$work"
work=$(cd "$work" && pwd)
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "building release"
build=(swift build -c release --product tiktok-ai)
[ -n "${SWIFT_SCRATCH:-}" ] && build+=(--scratch-path "$SWIFT_SCRATCH")
(cd "$repo" && "${build[@]}" >&2)
bin="$(cd "$repo" && "${build[@]}" --show-bin-path)/tiktok-ai"

log "making the fixed inputs"
input="$work/input"
bash "$shared/make_inputs.sh" "$input" >&2

# The inputs as a tiktok-ai project with its own images and voice-over, no music: like the anchors.
python3 - "$input" > "$input/bench-project.json" <<'PY'
import json, sys
folder = sys.argv[1]
lines = [l.strip() for l in open(f"{folder}/narration.txt") if l.strip()]
print(json.dumps({
    "topic": "Why octopuses have three hearts", "niche": "facts", "targetSeconds": 45,
    "hook": "Octopuses have three hearts", "voiceover": "voice.wav", "music": "none",
    "scenes": [{"narration": line, "image": f"scene_0{i + 1}.png"} for i, line in enumerate(lines)],
}, indent=2))
PY

timed() {  # timed OUTFILE COMMAND...: wall user sys maxrss(KB) of the command and its children
  local out=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$out" "$@" >/dev/null 2>"$out.stderr" || { cat "$out.stderr" >&2; return 1; }
}

python=python3
if [[ $skip != *,moviepy,* ]]; then
  if [ ! -x "$work/venv/bin/python" ] || ! "$work/venv/bin/python" -c "import moviepy" 2>/dev/null; then
    log "installing moviepy 2.2.1 in $work/venv"
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q moviepy==2.2.1 >&2
  fi
  python="$work/venv/bin/python"
fi

results="$work/rounds.tsv"
: > "$results"
for round in $(seq 1 "$runs"); do
  log "round $round/$runs: tiktok-ai render"
  out="$work/tiktok-ai"
  rm -rf "$out" "$work/ffmpeg.log"*
  timed "$work/t.whole" env BENCH_FFMPEG_LOG="$work/ffmpeg.log" BENCH_REAL_FFMPEG="$(command -v ffmpeg)" \
    FFMPEG_PATH="$here/render/ffmpeg-timed.sh" "$bin" render "$input/bench-project.json" --out "$out"
  # The render step alone: its own seconds from status.json, the CPU and memory of the ffmpeg runs it made.
  python3 "$here/render/render-step.py" "$out/status.json" "$work/ffmpeg.log" "$work/t.whole" "$round" >> "$results"
  main_args=$(grep -l -- '\[vout\]' "$work"/ffmpeg.log.args.* | head -1)
  cp "$main_args" "$work/render-args.txt"

  log "round $round/$runs: encode-only limit"
  mapfile -t encoder < <(python3 "$here/render/encoder-args.py" "$work/render-args.txt")
  timed "$work/t.encode" ffmpeg -hide_banner -nostdin -v error -i "$out/video.mp4" -an "${encoder[@]}" -f null -
  echo -e "$round\tencode-only\t$(cat "$work/t.encode")" >> "$results"

  if [[ $skip != *,seed,* ]]; then
    log "round $round/$runs: seed system path"
    rm -rf "$work/seed"
    timed "$work/t.seed" bash "$shared/anchors/upstream_path.sh" "$input" "$work/seed"
    echo -e "$round\tseed\t$(cat "$work/t.seed")" >> "$results"
  fi
  if [[ $skip != *,moviepy,* ]]; then
    log "round $round/$runs: MoviePy path"
    rm -f "$work/moviepy.mp4"
    timed "$work/t.moviepy" "$python" "$shared/anchors/moviepy_path.py" "$input" "$work/moviepy.mp4"
    echo -e "$round\tmoviepy\t$(cat "$work/t.moviepy")" >> "$results"
  fi
done

log "SSIM: the same graph at CRF 10 against the output"
mapfile -t replay < <(python3 "$here/render/encoder-args.py" "$work/render-args.txt" --replay "$work/crf10.mp4")
ffmpeg "${replay[@]}" >/dev/null
ssim=$(ffmpeg -hide_banner -nostdin -i "$work/tiktok-ai/video.mp4" -i "$work/crf10.mp4" -lavfi "[0:v][1:v]ssim" -f null - 2>&1 \
  | sed -n 's/.*All:\([0-9.]*\).*/\1/p' | tail -1)
loudness=$(ffmpeg -hide_banner -nostdin -nostats -i "$work/tiktok-ai/video.mp4" -af ebur128=peak=true:framelog=verbose -f null - 2>&1 \
  | awk '/I:/ {i=$2} /Peak:/ {p=$2} END {print i " LUFS, " p " dBTP"}')
python3 "$here/render/report.py" "$results" "$ssim" "$(python3 "$here/render/encoder-args.py" "$work/render-args.txt" --describe)" \
  "$(cat "$input/voice.duration")" "$loudness" | tee "$work/results.md"
