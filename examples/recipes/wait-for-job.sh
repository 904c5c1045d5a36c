#!/bin/sh
# wait-for-job.sh — block until a job is finished; print its video, or its error.
#
#   wait-for-job.sh JOB [TIMEOUT_SECONDS]          with `tiktok-ai status JOB --wait`
#   wait-for-job.sh --jq JOB [TIMEOUT_SECONDS]     polling its status.json with jq (no tiktok-ai needed)
#
#   video=$(SPOOL_DIR=/srv/tiktok-ai/spool wait-for-job.sh octopus 600) && upload "$video"
#
# Prints the finished video's path; a failed or canceled job's `JOB STATE: MESSAGE` goes to stderr.
# A file just dropped may not be claimed yet (the settle window, a scan): both ways wait for it.
#
# With --jq: a job's folder moves between spool/queued, running, done and failed (canceled jobs are
# in failed/), each move one rename(2), and status.json is replaced atomically, so a read sees a
# whole file or none. The folders are read in pipeline order: a job moving forward while we look is
# found further on in the same round; one moving back (a retry, a drain) in the next round.
# Exit status: 0 done; 2 failed; 3 canceled; 4 no such job (without --jq); 5 timed out
# (the codes of `tiktok-ai status --wait`).
set -eu

jq_only=false
if [ "${1:-}" = "--jq" ]; then jq_only=true; shift; fi
if [ "$#" -lt 1 ]; then
    echo "usage: $0 [--jq] JOB [TIMEOUT_SECONDS]" >&2
    exit 64
fi
job=$1
timeout=${2:-3600}
spool=${SPOOL_DIR:-./spool}
deadline=$(( $(date +%s) + timeout ))

# What the wait ends with, from a finished status.json on stdin: the video, or why not.
report() {
    jq -r --arg spool "$spool" '
        if .state == "done" then "\($spool)/done/\(.id)/\(.artifacts.video)"
        else "\(.id) \(.state): \(.error.message)" end'
}

if [ "$jq_only" = false ]; then
    # Until the job has a folder, `status` would answer 4 (no such job) at once.
    tries=0
    until tiktok-ai status "$job" --spool "$spool" --json >/dev/null 2>&1 || [ "$tries" -ge 30 ]; do
        tries=$((tries + 1))
        sleep 1
    done
    code=0
    tiktok-ai status "$job" --spool "$spool" --wait --quiet --timeout "$timeout" >/dev/null || code=$?
    case "$code" in
        0) tiktok-ai status "$job" --spool "$spool" --json | report ;;
        2|3) tiktok-ai status "$job" --spool "$spool" --json | report >&2 ;;
    esac
    exit "$code"
fi

while :; do
    for folder in queued running done failed; do
        status="$spool/$folder/$job/status.json"
        # Gone between the test and the read: it moved on; the next folder or round finds it.
        [ -f "$status" ] || continue
        state=$(jq -r .state "$status" 2>/dev/null) || continue
        case "$state" in
            done) report < "$status"; exit 0 ;;
            failed) report < "$status" >&2; exit 2 ;;
            canceled) report < "$status" >&2; exit 3 ;;
        esac
        break
    done
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "$job: not finished after $timeout s" >&2
        exit 5
    fi
    sleep 1
done
