#!/usr/bin/env bash
# Stands in for ffmpeg (FFMPEG_PATH) during the benchmark: runs the real ffmpeg under /usr/bin/time and
# appends one record per call to $BENCH_FFMPEG_LOG — start time, wall, user, sys, max RSS — and the call's
# arguments (one per line, NUL-free) to $BENCH_FFMPEG_LOG.args.PID so the render can be replayed exactly.
set -u
log=${BENCH_FFMPEG_LOG:?set BENCH_FFMPEG_LOG}
real=${BENCH_REAL_FFMPEG:-/usr/bin/ffmpeg}

args="$log.args.$$"
printf '%s\n' "$@" > "$args"
start=$(date +%s.%N)
timing=$(mktemp)
/usr/bin/time -f "%e %U %S %M" -o "$timing" "$real" "$@"
status=$?
echo "$start $(cat "$timing") $args" >> "$log"
rm -f "$timing"
exit $status
