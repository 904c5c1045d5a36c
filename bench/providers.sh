#!/usr/bin/env bash
# Provider scheduling benchmark (issue 8, acceptance 7): 8 projects against the fake provider server
# adding LATENCY seconds to every call, rendered as a batch with 2 render slots, and the same batch
# run one job at a time. Target: batch wall time <= 0.6x the one-at-a-time wall time.
#
#   bench/providers.sh                    # release build, 8 projects, 2 s latency
#   N=4 LATENCY=1 bench/providers.sh      # smaller
#   BIN=/path/to/tiktok-ai bench/providers.sh
#   KEEP=1 bench/providers.sh             # keep the spools for a look afterwards
#
# The projects are planned by the chat endpoint, voiced by OpenAI speech, timed by Whisper and
# illustrated by IMAGES (default: openai; painter for the offline painter). The cache is off, so
# every run pays for every call. Not a test: it measures and prints, and gives up after LIMIT seconds a run.
set -euo pipefail

N=${N:-8}
LATENCY=${LATENCY:-2}
SLOTS=${SLOTS:-2}
IMAGES=${IMAGES:-openai}
LIMIT=${LIMIT:-900}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

if [ -z "${BIN:-}" ]; then
  echo "bench: building release (swift build -c release)…"
  (cd "$ROOT" && swift build -c release 2>&1 | tail -n 1)
  BIN="$ROOT/.build/release/tiktok-ai"
fi
[ -x "$BIN" ] || { echo "bench: no binary at $BIN" >&2; exit 1; }

WORK=$(mktemp -d "${BENCH_DIR:-/tmp}/tiktok-ai-providers.XXXXXX")
SERVER_PID=""
DAEMON_PID=""
stop() {
  local pid=$1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$DAEMON_PID"
  stop "$SERVER_PID"
  if [ "${KEEP:-0}" = 1 ]; then echo "bench: kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

python3 "$ROOT/Tests/FakeProviderServer/fake_provider_server.py" --latency "$LATENCY" > "$WORK/server.out" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do grep -q '^listening' "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(awk '/^listening/ { print $2 }' "$WORK/server.out")
[ -n "$PORT" ] || { echo "bench: the fake server did not start" >&2; cat "$WORK/server.out" >&2; exit 1; }

export OPENAI_API_KEY=sk-bench-not-a-real-key OPENAI_BASE_URL="http://127.0.0.1:$PORT/v1"
export PEXELS_BASE_URL="http://127.0.0.1:$PORT" CACHE_DIR="" LOG_LEVEL=info

project() {
  printf '{"topic": "Bench topic number %d about ocean animals", "niche": "facts", "targetSeconds": 15, "providers": {"plan": "openai", "voice": "openai", "align": "whisper", "images": "%s"}}\n' "$1" "$IMAGES"
}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
finished() { find "$1/done" "$1/failed" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | wc -l | tr -d ' '; }

# Starts a daemon on spool $1 with $2 render slots and $3 network jobs.
start_daemon() {
  mkdir -p "$1/inbox"
  MAX_NETWORK_JOBS=$3 "$BIN" serve --spool "$1" --jobs "$2" --settle 0.2 >> "$1/daemon.log" 2>&1 &
  DAEMON_PID=$!
}

# Drops project $2 into spool $1 the safe way (rename).
drop() { project "$2" > "$1/.p$2.tmp"; mv "$1/.p$2.tmp" "$1/inbox/p$2.json"; }

wait_for() {
  local spool=$1 count=$2 started=$3
  while [ "$(finished "$spool")" -lt "$count" ]; do
    if [ "$(since "$started" | cut -d. -f1)" -ge "$LIMIT" ]; then echo "bench: gave up after $LIMIT s" >&2; exit 1; fi
    sleep 0.2
  done
}

echo "bench: $N projects, ${LATENCY} s latency a call, images $IMAGES, fake server on port $PORT"

BATCH="$WORK/batch"
start_daemon "$BATCH" "$SLOTS" "${MAX_NETWORK_JOBS:-4}"
sleep 1
t0=$(now)
for i in $(seq "$N"); do drop "$BATCH" "$i"; done
wait_for "$BATCH" "$N" "$t0"
batch=$(since "$t0")
stop "$DAEMON_PID"; DAEMON_PID=""
echo "bench: batch ($SLOTS render slots): $batch s; $(ls "$BATCH/done" | wc -l) done, $(ls "$BATCH/failed" | wc -l) failed"

SERIAL="$WORK/serial"
start_daemon "$SERIAL" 1 0
sleep 1
t0=$(now)
for i in $(seq "$N"); do
  drop "$SERIAL" "$i"
  wait_for "$SERIAL" "$i" "$t0"
done
serial=$(since "$t0")
stop "$DAEMON_PID"; DAEMON_PID=""
echo "bench: one job at a time: $serial s; $(ls "$SERIAL/done" | wc -l) done, $(ls "$SERIAL/failed" | wc -l) failed"

awk -v b="$batch" -v s="$serial" 'BEGIN { printf "bench: batch / one at a time = %.2f (target <= 0.60)\n", b / s }'
