#!/usr/bin/env bash
# HTTP load benchmark (issue 10): CLIENTS keep-alive clients polling /api/run and /api/health (each
# every INTERVAL s) while 2 jobs render, against the same 2 renders with no load, in one run and one
# daemon: a warm-up job, then pairs unloaded, loaded, unloaded (the unloaded figure is their mean).
#
#   bench/http-load.sh        # release build, then the rounds; prints the figures, writes results.md
#
# Environment: BENCH_WORK (default $TMPDIR/tiktok-ai-http-load), LOAD_CLIENTS (200), LOAD_INTERVAL (1.0),
# LOAD_SECONDS (30: the least the load lasts; it is stretched to cover the loaded pair's renders),
# BENCH_PROJECT (default examples/octopus-hearts.json), SWIFT_SCRATCH (a --scratch-path for the build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-${TMPDIR:-/tmp}/tiktok-ai-http-load}
clients=${LOAD_CLIENTS:-200}
interval=${LOAD_INTERVAL:-1.0}
minimum=${LOAD_SECONDS:-30}
project=${BENCH_PROJECT:-$repo/examples/octopus-hearts.json}
log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

log "building release"
build=(swift build -c release --product tiktok-ai)
[ -n "${SWIFT_SCRATCH:-}" ] && build+=(--scratch-path "$SWIFT_SCRATCH")
(cd "$repo" && "${build[@]}" >&2)
bin="$(cd "$repo" && "${build[@]}" --show-bin-path)/tiktok-ai"

rm -rf "$work"
mkdir -p "$work"
spool="$work/spool"
ASSET_ROOT="$repo/examples" "$bin" serve --spool "$spool" --jobs 2 --http 127.0.0.1:0 >"$work/serve.log" 2>&1 &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 300); do
  port=$(grep -o 'dashboard on http://127.0.0.1:[0-9]*' "$work/serve.log" | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { cat "$work/serve.log" >&2; echo "the daemon did not start its HTTP server" >&2; exit 1; }
log "daemon $daemon serving http://127.0.0.1:$port/"

drop() {  # drop NAME: the project into the inbox, written under a hidden name and renamed
  cp "$project" "$spool/inbox/.$1.json.tmp"
  mv "$spool/inbox/.$1.json.tmp" "$spool/inbox/$1.json"
}

wait_done() {  # wait_done ID...: until every job is in done/ (fails on failed/ or after 15 minutes)
  local deadline=$((SECONDS + 900))
  for id in "$@"; do
    until [ -f "$spool/done/$id/status.json" ]; do
      [ -d "$spool/failed/$id" ] && { echo "job $id failed: $(jq -r .error.message "$spool/failed/$id/status.json")" >&2; exit 1; }
      [ $SECONDS -lt $deadline ] || { echo "job $id did not finish" >&2; exit 1; }
      sleep 0.2
    done
  done
}

pair() {  # pair NAME: two jobs at once; prints "wall render_a render_b" in seconds
  drop "$1-a"; drop "$1-b"
  wait_done "$1-a" "$1-b"
  python3 - "$spool/done/$1-a/status.json" "$spool/done/$1-b/status.json" <<'PY'
import json, sys
from datetime import datetime
jobs = [json.load(open(path)) for path in sys.argv[1:]]
at = lambda text: datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()
wall = max(at(j["finishedAt"]) for j in jobs) - min(at(j["startedAt"]) for j in jobs)
renders = [next(s["seconds"] for s in j["steps"] if s["name"] == "render") for j in jobs]
print(f"{wall:.2f} {renders[0]:.2f} {renders[1]:.2f}")
PY
}

log "warm-up job"
drop warmup; wait_done warmup
log "pair 1, no load"
read -r base1 base1a base1b < <(pair quiet1)
duration=$(python3 -c "print(max($minimum, round($base1 * 1.6 + 5)))")
log "pair 2, with $clients clients polling every ${interval}s for ${duration}s"
"$here/http-load.py" "$port" --clients "$clients" --interval "$interval" --duration "$duration" >"$work/load.json" &
load=$!
sleep 2
read -r loaded loadeda loadedb < <(pair loaded)
wait $load
log "pair 3, no load"
read -r base2 base2a base2b < <(pair quiet2)

python3 - "$work/load.json" "$base1" "$base2" "$loaded" "$base1a $base1b $base2a $base2b" "$loadeda $loadedb" > "$work/results.md" <<'PY'
import json, sys
load = json.load(open(sys.argv[1]))
base1, base2, loaded = map(float, sys.argv[2:5])
base_renders = [float(x) for x in sys.argv[5].split()]
loaded_renders = [float(x) for x in sys.argv[6].split()]
base = (base1 + base2) / 2
base_render = sum(base_renders) / len(base_renders)
loaded_render = sum(loaded_renders) / len(loaded_renders)
lat = load["latencyMs"]
print(f"| load | requests | errors | rate/s | p50 ms | p90 ms | p99 ms | max ms |")
print(f"|---|---|---|---|---|---|---|---|")
print(f"| {load['clients']} clients, every {load['interval']} s, {load['seconds']} s | {load['requests']} | {load['errors']} | {load['rate']} | {lat['p50']} | {lat['p90']} | {lat['p99']} | {lat['max']} |")
for path, figures in load["byPath"].items():
    print(f"| {path} | {figures['count']} | | | {figures['p50']} | {figures['p90']} | {figures['p99']} | {figures['max']} |")
print()
print(f"| 2 jobs at once | wall s (both) | render step s (mean) |")
print(f"|---|---|---|")
print(f"| no load (mean of before and after: {base1:.1f}, {base2:.1f}) | {base:.1f} | {base_render:.1f} |")
print(f"| under the load | {loaded:.1f} | {loaded_render:.1f} |")
print(f"| slower by | {100 * (loaded / base - 1):+.1f} % | {100 * (loaded_render / base_render - 1):+.1f} % |")
PY
cat "$work/results.md"
