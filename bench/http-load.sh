#!/usr/bin/env bash
# HTTP load benchmark (issue 10): CLIENTS keep-alive connections (wrk, bench/http-load.lua) polling
# /api/run and /api/health in turn, each about once a second, while 2 jobs render, against the same 2 renders with no load, in one run and one
# daemon: a warm-up job, then ROUNDS loaded pairs, each between two unloaded ones (quiet, loaded, quiet,
# loaded, ..., quiet), because two unloaded pairs minutes apart differ by several per cent by themselves.
#
#   bench/http-load.sh        # release build, then the rounds; prints the figures, writes results.md
#
# Environment: BENCH_WORK (default $TMPDIR/tiktok-ai-http-load), LOAD_CLIENTS (200),
# LOAD_SECONDS (30: the least the load lasts; it is stretched to cover the loaded pair's renders),
# BENCH_ROUNDS (3), BENCH_PROJECT (default examples/octopus-hearts.json), SWIFT_SCRATCH (a --scratch-path
# for the build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-${TMPDIR:-/tmp}/tiktok-ai-http-load}
clients=${LOAD_CLIENTS:-200}
minimum=${LOAD_SECONDS:-30}
project=${BENCH_PROJECT:-$repo/examples/octopus-hearts.json}
rounds=${BENCH_ROUNDS:-3}
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
log "pair quiet0, no load"
read -r wall a b < <(pair quiet0)
echo "quiet quiet0 $wall $a $b" > "$work/pairs.txt"
duration=$(python3 -c "print(max($minimum, round($wall * 1.6 + 5)))")
for round in $(seq 1 "$rounds"); do
  log "pair loaded$round, with $clients connections polling about once a second for ${duration}s"
  # wrk, a C client, costs the machine a third of what a Python asyncio client did (0.03 against 0.1
  # of a core at this rate), and the renders share the same 2 cores.
  wrk -t1 -c"$clients" -d"${duration}s" --timeout 5s -s "$here/http-load.lua" "http://127.0.0.1:$port/" \
    | tail -n 1 >"$work/load$round.json" &
  load=$!
  sleep 2
  read -r wall a b < <(pair "loaded$round")
  echo "loaded loaded$round $wall $a $b" >> "$work/pairs.txt"
  wait $load
  log "pair quiet$round, no load"
  read -r wall a b < <(pair "quiet$round")
  echo "quiet quiet$round $wall $a $b" >> "$work/pairs.txt"
done

python3 - "$work" "$rounds" "$clients" > "$work/results.md" <<'PY'
import json, sys
work, rounds, clients = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pairs = [line.split() for line in open(f"{work}/pairs.txt")]
mean = lambda values: sum(values) / len(values)
quiet = [float(p[2]) for p in pairs if p[0] == "quiet"]
loaded = [float(p[2]) for p in pairs if p[0] == "loaded"]
quiet_render = [float(x) for p in pairs if p[0] == "quiet" for x in p[3:5]]
loaded_render = [float(x) for p in pairs if p[0] == "loaded" for x in p[3:5]]
print("| load round | requests | errors | rate/s | p50 ms | p90 ms | p99 ms | max ms |")
print("|---|---|---|---|---|---|---|---|")
for round in range(1, rounds + 1):
    load = json.load(open(f"{work}/load{round}.json"))
    lat = load["latencyMs"]
    print(f"| {round}: {clients} connections, every 1 s on average, {load['seconds']} s | {load['requests']} | "
          f"{load['errors']} | {load['rate']} | {lat['p50']} | {lat['p90']} | {lat['p99']} | {lat['max']} |")
print()
print("| 2 jobs at once | pairs (wall s, in order) | wall s, mean | render step s, mean |")
print("|---|---|---|---|")
print(f"| no load | {', '.join(f'{x:.1f}' for x in quiet)} | {mean(quiet):.1f} | {mean(quiet_render):.1f} |")
print(f"| under the load | {', '.join(f'{x:.1f}' for x in loaded)} | {mean(loaded):.1f} | {mean(loaded_render):.1f} |")
print(f"| slower by | | {100 * (mean(loaded) / mean(quiet) - 1):+.1f} % | {100 * (mean(loaded_render) / mean(quiet_render) - 1):+.1f} % |")
# Each loaded pair against the mean of the quiet pairs on either side of it.
for round in range(1, rounds + 1):
    before, after = quiet[round - 1], quiet[round]
    print(f"| round {round}: {loaded[round - 1]:.1f} s against {before:.1f} and {after:.1f} | | "
          f"{100 * (loaded[round - 1] / ((before + after) / 2) - 1):+.1f} % | |")
PY
cat "$work/results.md"
