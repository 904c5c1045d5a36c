#!/bin/sh
# cleanup-by-age.sh — remove finished jobs older than an age, for cron.
#
#   cleanup-by-age.sh [AGE]          tiktok-ai cleanup: by finishedAt (else folder mtime), index updated
#   cleanup-by-age.sh --find [DAYS]  plain find -mtime on the folders; the daemon's sweep (or
#                                    `tiktok-ai reindex`) marks them purged in the index afterwards
#
# crontab (every day at 04:00, keep 30 days):
#   0 4 * * *  SPOOL_DIR=/srv/tiktok-ai/spool PATH=/usr/local/bin:/usr/bin:/bin /srv/tiktok-ai/examples/recipes/cleanup-by-age.sh 30d >>/var/log/tiktok-ai-cleanup.log 2>&1
#
# AGE is a number and a unit (45s, 90m, 12h, 30d, 2w; default 30d). Only done/ and failed/ (with
# canceled) are touched; queued and running jobs never are. CLEANUP_STATES narrows it (done,failed).
# Exit status: 0 done (nothing to remove is fine); 1 a folder could not be removed; 64 bad usage.
set -eu

spool=${SPOOL_DIR:-./spool}
if [ "${1:-}" = "--find" ]; then
    days=${2:-30}
    case "$days" in
        ''|*[!0-9]*) echo "usage: $0 --find [DAYS]" >&2; exit 64 ;;
    esac
    # Hidden entries are work in progress (a claim being built, a cleanup's rename): never ours to remove.
    find "$spool/done" "$spool/failed" -mindepth 1 -maxdepth 1 -type d ! -name '.*' -mtime "+$days" \
        -print -exec rm -rf {} +
    exit 0
fi
exec tiktok-ai cleanup --spool "$spool" --older-than "${1:-30d}" --state "${CLEANUP_STATES:-done,failed}"
