#!/usr/bin/env bash
# Batch benchmark (issue 3, acceptance 4): 8 example projects through `run --once`, once with the
# default concurrency and once one job at a time, on the same release build.
#
#   bench/batch-cpu.sh              # prints wall and CPU time of both runs, and how busy the cores were
#
# Target: CPU time of the concurrent run >= 85 % of wall time x cores, and its wall time below the
# one-at-a-time run's. CPU time is user+sys of tiktok-ai and every ffmpeg it waited for (/usr/bin/time).
# Not a test: it only measures and reports.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "bench: needs /usr/bin/time (apt install time)" >&2; exit 1; }
command -v jq >/dev/null || { echo "bench: needs jq" >&2; exit 1; }

echo "bench: building release (swift build -c release)…" >&2
(cd "$ROOT" && swift build -c release 2>&1 | tail -n 1) >&2
BIN="$ROOT/.build/release/tiktok-ai"
WORK=$(mktemp -d /tmp/tiktok-ai-batch.XXXXXX)
trap '[ "${KEEP:-0}" = 1 ] && echo "bench: kept $WORK" >&2 || rm -rf "$WORK"' EXIT

# The 8 projects: the examples (three files and a batch of three) and two variants of the first two.
mkdir -p "$WORK/projects"
cp "$ROOT"/examples/*.json "$ROOT"/examples/*.jsonl "$WORK/projects/"
jq '.topic = "Why octopuses have blue blood" | .niche = "science"' "$ROOT/examples/octopus-hearts.json" > "$WORK/projects/octopus-blood.json"
jq '.topic = "The last night at the lighthouse" ' "$ROOT/examples/lighthouse-keeper.json" > "$WORK/projects/lighthouse-last-night.json"
COUNT=$(( $(ls "$WORK"/projects/*.json | wc -l) + $(grep -c . "$WORK"/projects/*.jsonl) ))

run() {  # run NAME JOBS → prints "wall cpu done"
  local spool="$WORK/$1"
  mkdir -p "$spool/inbox"
  cp "$WORK"/projects/* "$spool/inbox/"
  ASSET_ROOT="$ROOT/examples" LOG_LEVEL=warning /usr/bin/time -f "%e %U %S" -o "$WORK/$1.time" \
    "$BIN" run --once --spool "$spool" --jobs "$2" >"$WORK/$1.log" 2>&1
  read -r wall user sys < "$WORK/$1.time"
  echo "$wall $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }') $(find "$spool/done" -name video.mp4 | wc -l)"
}

CORES=$(nproc)
JOBS=${JOBS:-$CORES}
echo "bench: $COUNT projects, $JOBS at once…" >&2
read -r PWALL PCPU PDONE < <(run concurrent "$JOBS")
echo "bench: $COUNT projects, one at a time…" >&2
read -r SWALL SCPU SDONE < <(run sequential 1)

echo
echo "tiktok-ai batch benchmark: $COUNT example projects through run --once, $CORES cores, release build"
printf '  %-34s %8s %8s %12s %6s\n' "" "wall s" "CPU s" "CPU/(wall×$CORES)" "videos"
printf '  %-34s %8.1f %8.1f %11.0f%% %6s\n' "$JOBS jobs at once (default)" "$PWALL" "$PCPU" "$(awk -v c="$PCPU" -v w="$PWALL" -v n="$CORES" 'BEGIN { print 100 * c / (w * n) }')" "$PDONE"
printf '  %-34s %8.1f %8.1f %11.0f%% %6s\n' "one at a time" "$SWALL" "$SCPU" "$(awk -v c="$SCPU" -v w="$SWALL" -v n="$CORES" 'BEGIN { print 100 * c / (w * n) }')" "$SDONE"
printf '  %-34s %s\n' "wall, concurrent / one at a time" "$(awk -v a="$PWALL" -v b="$SWALL" 'BEGIN { printf "%.2f", a / b }')   (target < 1; CPU target >= 85 %)"
