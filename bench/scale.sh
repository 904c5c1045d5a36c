#!/usr/bin/env bash
# Scale benchmark (issue 4, acceptance 3): N small project files dropped at once into a dry-run daemon.
#
#   bench/scale.sh                 # 10,000 projects, release build
#   N=2000 bench/scale.sh          # fewer
#   KEEP=1 bench/scale.sh          # keep the temporary spool for a look afterwards
#   BENCH_DIR=/mnt/fast bench/scale.sh   # put the temporary spool on another filesystem
#   BIN=/path/to/tiktok-ai bench/scale.sh  # measure another build (say, an older commit) as it is
#
# Prints: seconds until every file is claimed and indexed, seconds until every job is finished, the
# daemon's peak RSS (VmHWM), and the latency of `tiktok-ai status JOB` while the daemon is busy.
# Targets from the issue: claimed+indexed <= 10 s, finished <= 120 s, peak RSS < 200 MB, status < 50 ms.
# Not a test: it only measures and reports, and gives up after CLAIM_LIMIT / FINISH_LIMIT seconds.
set -euo pipefail

N=${N:-10000}
CLAIM_LIMIT=${CLAIM_LIMIT:-60}      # seconds to wait for every file to be claimed and indexed
FINISH_LIMIT=${FINISH_LIMIT:-240}   # seconds (from the drop) to wait for every job to finish
STATUS_CALLS=${STATUS_CALLS:-20}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

for tool in sqlite3 awk xargs; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

if [ -z "${BIN:-}" ]; then
  echo "bench: building release (swift build -c release)…"
  (cd "$ROOT" && swift build -c release 2>&1 | tail -n 1)
  BIN="$ROOT/.build/release/tiktok-ai"
fi
[ -x "$BIN" ] || { echo "bench: no binary at $BIN" >&2; exit 1; }

WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tiktok-ai-bench.XXXXXX")
SPOOL="$WORK/spool"
STAGING="$WORK/staging"   # same filesystem as the spool, so the drop is a rename
mkdir -p "$SPOOL/inbox" "$STAGING"
DAEMON_PID=""
cleanup() {
  if [ -n "$DAEMON_PID" ] && kill -0 "$DAEMON_PID" 2>/dev/null; then
    kill "$DAEMON_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$DAEMON_PID" 2>/dev/null || true
  fi
  if [ "${KEEP:-0}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
query() { sqlite3 -cmd ".timeout 5000" "$SPOOL/index.sqlite" "$1" 2>/dev/null || echo 0; }
peak_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$DAEMON_PID/status" 2>/dev/null || echo 0; }

echo "bench: writing $N projects…"
awk -v n="$N" -v dir="$STAGING" 'BEGIN {
  for (i = 1; i <= n; i++) {
    f = sprintf("%s/p%05d.json", dir, i)
    printf "{\"topic\": \"Bench project %d\", \"niche\": \"facts\", \"targetSeconds\": 15}\n", i > f
    close(f)
  }
}'

APP_RENDER_DRY_RUN=1 LOG_LEVEL=${LOG_LEVEL:-warning} "$BIN" serve --spool "$SPOOL" >"$WORK/daemon.log" 2>&1 &
DAEMON_PID=$!
for _ in $(seq 100); do [ -f "$SPOOL/index.sqlite" ] && break; sleep 0.1; done
sleep 0.5
kill -0 "$DAEMON_PID" 2>/dev/null || { echo "bench: the daemon did not start:"; cat "$WORK/daemon.log"; exit 1; }

# The drop: every file renamed into the inbox, 1000 per mv.
T0=$(now)
find "$STAGING" -name '*.json' -print0 | xargs -0 -n 1000 mv -t "$SPOOL/inbox/"
DROP_SECONDS=$(since "$T0")

CLAIMED=""
INDEXED=0
while :; do
  LEFT=$(find "$SPOOL/inbox" -maxdepth 1 -name '*.json' | wc -l)
  INDEXED=$(query "SELECT COUNT(*) FROM jobs")
  if [ "$LEFT" -eq 0 ] && [ "$INDEXED" -ge "$N" ]; then CLAIMED=$(since "$T0"); break; fi
  if awk -v t="$(since "$T0")" -v l="$CLAIM_LIMIT" 'BEGIN { exit !(t > l) }'; then break; fi
  kill -0 "$DAEMON_PID" 2>/dev/null || { echo "bench: the daemon died:"; tail -n 20 "$WORK/daemon.log"; exit 1; }
  sleep 0.1
done

# `status JOB` while the daemon is busy: a job in the middle of the batch.
JOB=$(printf "p%05d" $(( (N + 1) / 2 )))
LATENCIES=()
for _ in $(seq "$STATUS_CALLS"); do
  S=$(date +%s%N)
  "$BIN" status "$JOB" --spool "$SPOOL" >/dev/null 2>&1 || true
  E=$(date +%s%N)
  LATENCIES+=($(( (E - S) / 1000 )))   # microseconds
done
FINISHED_AT_STATUS=$(query "SELECT COUNT(*) FROM jobs WHERE state IN ('done','failed','canceled')")
read -r STATUS_MEDIAN STATUS_MAX < <(printf '%s\n' "${LATENCIES[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[int((NR + 1) / 2)] / 1000, v[NR] / 1000 }')

FINISHED=""
DONE=0
while :; do
  DONE=$(query "SELECT COUNT(*) FROM jobs WHERE state IN ('done','failed','canceled')")
  if [ "$DONE" -ge "$N" ]; then FINISHED=$(since "$T0"); break; fi
  if awk -v t="$(since "$T0")" -v l="$FINISH_LIMIT" 'BEGIN { exit !(t > l) }'; then break; fi
  kill -0 "$DAEMON_PID" 2>/dev/null || { echo "bench: the daemon died:"; tail -n 20 "$WORK/daemon.log"; exit 1; }
  sleep 0.5
done
PEAK_KB=$(peak_kb)

# The floor: the same calls once the daemon is stopped (process start, index open, one read).
kill "$DAEMON_PID" 2>/dev/null || true
for _ in $(seq 100); do kill -0 "$DAEMON_PID" 2>/dev/null || break; sleep 0.1; done
IDLE=()
for _ in $(seq "$STATUS_CALLS"); do
  S=$(date +%s%N)
  "$BIN" status "$JOB" --spool "$SPOOL" >/dev/null 2>&1 || true
  E=$(date +%s%N)
  IDLE+=($(( (E - S) / 1000 )))
done
read -r IDLE_MEDIAN IDLE_MAX < <(printf '%s\n' "${IDLE[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f %.1f\n", v[int((NR + 1) / 2)] / 1000, v[NR] / 1000 }')
DONE_FOLDERS=$(find "$SPOOL/done" -mindepth 1 -maxdepth 1 -type d | wc -l)
FAILED_FOLDERS=$(find "$SPOOL/failed" -mindepth 1 -maxdepth 1 -type d | wc -l)
FAILED_INDEX=$(query "SELECT COUNT(*) FROM jobs WHERE state <> 'done'")
SAMPLE_RENDER=$(query "SELECT json_extract(statusJSON, '\$.steps') FROM jobs WHERE state = 'done' LIMIT 1" | head -c 400)

echo
echo "tiktok-ai scale benchmark: $N projects, APP_RENDER_DRY_RUN=1, $(nproc) cores, release build"
printf '  %-40s %s\n' "drop (mv into inbox/)" "${DROP_SECONDS} s"
if [ -n "$CLAIMED" ]; then
  printf '  %-40s %s\n' "all claimed and indexed" "${CLAIMED} s   (target <= 10 s)"
else
  printf '  %-40s %s\n' "all claimed and indexed" "NOT within ${CLAIM_LIMIT} s: ${INDEXED} indexed, ${LEFT} still in inbox/"
fi
if [ -n "$FINISHED" ]; then
  printf '  %-40s %s\n' "all finished" "${FINISHED} s   (target <= 120 s)"
else
  printf '  %-40s %s\n' "all finished" "NOT within ${FINISH_LIMIT} s: ${DONE} of $N finished"
fi
printf '  %-40s %s\n' "finished jobs: done/ failed/ folders" "$DONE_FOLDERS / $FAILED_FOLDERS (index: $FAILED_INDEX not done)"
printf '  %-40s %s\n' "daemon peak RSS (VmHWM)" "$(awk -v k="$PEAK_KB" 'BEGIN { printf "%.1f MB", k / 1024 }')   (target < 200 MB)"
printf '  %-40s %s\n' "status $JOB, $STATUS_CALLS calls while busy" "median ${STATUS_MEDIAN} ms, max ${STATUS_MAX} ms   (target < 50 ms; $FINISHED_AT_STATUS of $N finished then)"
printf '  %-40s %s\n' "status $JOB, daemon stopped" "median ${IDLE_MEDIAN} ms, max ${IDLE_MAX} ms"
if [ -z "$FINISHED" ] && [ "$DONE" -lt $(( N / 10 )) ]; then
  echo "  note: few jobs finished; if APP_RENDER_DRY_RUN is not implemented yet, every job renders for real."
fi
if [ -n "$SAMPLE_RENDER" ]; then echo "  a finished job's steps: $SAMPLE_RENDER"; fi
