#!/bin/sh
# Alert on the runbook's thresholds from `serve --http`'s /metrics. Run it from cron, e.g. every 5 minutes:
#
#   */5 * * * * /usr/local/share/tiktok-ai/recipes/alert-from-metrics.sh >/dev/null || echo "see tiktok-ai" | mail -s "tiktok-ai alert" ops@example.com
#
# Thresholds (the runbook's "Alert Threshold" column), each an environment variable:
#   QUEUE_MAX=10            jobs queued or running (tiktok_queue_length)
#   FAILURE_MAX_PERCENT=10  failed jobs, as a share of the finished ones in the spool (tiktok_jobs)
#   DISK_MAX_PERCENT=90     the spool's filesystem used (tiktok_spool_free_bytes, tiktok_spool_size_bytes)
#   METRICS_URL=http://127.0.0.1:3001/metrics
# Prints one "alert: …" line per threshold crossed and exits 1; else one "ok: …" line and exits 0.
# Exits 2 when /metrics cannot be read or is not tiktok-ai's.
set -eu
url=${METRICS_URL:-http://127.0.0.1:3001/metrics}
if ! metrics=$(curl -fsS --max-time 10 "$url"); then
  echo "alert: cannot read $url" >&2
  exit 2
fi
printf '%s\n' "$metrics" | awk -v queue_max="${QUEUE_MAX:-10}" -v failure_max="${FAILURE_MAX_PERCENT:-10}" \
    -v disk_max="${DISK_MAX_PERCENT:-90}" -v url="$url" '
  /^tiktok_queue_length /               { queue = $2; seen = 1 }
  /^tiktok_jobs\{state="done"\} /       { done = $2 }
  /^tiktok_jobs\{state="failed"\} /     { failed = $2 }
  /^tiktok_spool_free_bytes /           { free = $2 }
  /^tiktok_spool_size_bytes /           { size = $2 }
  END {
    if (!seen) { print "alert: " url " has no tiktok_queue_length; is it tiktok-ai serve --http?" > "/dev/stderr"; exit 2 }
    alerts = 0
    if (queue + 0 > queue_max + 0) {
      printf "alert: render queue length %d is over %d\n", queue, queue_max; alerts++
    }
    finished = done + failed
    rate = finished > 0 ? 100 * failed / finished : 0
    if (rate > failure_max + 0) {
      printf "alert: %.1f%% of finished jobs failed (%d of %d), over %s%%\n", rate, failed, finished, failure_max; alerts++
    }
    used = size > 0 ? 100 * (size - free) / size : 0
    if (used > disk_max + 0) {
      printf "alert: the spool disk is %.1f%% used (%.1f GiB free), over %s%%\n", used, free / 1073741824, disk_max; alerts++
    }
    if (alerts == 0) printf "ok: queue %d, %.1f%% of %d finished jobs failed, disk %.1f%% used\n", queue, rate, finished, used
    exit alerts > 0 ? 1 : 0
  }'
