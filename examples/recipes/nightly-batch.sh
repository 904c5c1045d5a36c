#!/bin/sh
# nightly-batch.sh — drop a .jsonl batch into the inbox and render it, for cron.
#
#   nightly-batch.sh BATCH.jsonl
#
# crontab (every night at 02:30; cron mails what it prints, or append it to a log):
#   30 2 * * *  SPOOL_DIR=/srv/tiktok-ai/spool PATH=/usr/local/bin:/usr/bin:/bin /srv/tiktok-ai/examples/recipes/nightly-batch.sh /srv/batches/nightly.jsonl >>/var/log/tiktok-ai-nightly.log 2>&1
#
# The batch is copied in under a hidden name and renamed, so it is taken whole. Each line becomes a
# job NAME-0001, NAME-0002, …; the same name the next night gets NAME-0001-2, and so on. Then
# `tiktok-ai run --once` renders everything waiting and exits (no daemon may serve the spool: with one,
# just drop the file and let it work).
# Exit status: 0 every job done; 2 a job failed (its `failed  FOLDER  MESSAGE` line is printed);
# 1 jobs left waiting (paused, or short of disk) or an error; 75 a daemon serves the spool.
set -eu

if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
    echo "usage: $0 BATCH.jsonl" >&2
    exit 64
fi
spool=${SPOOL_DIR:-./spool}
name=$(basename "$1")
case "$name" in
    *.jsonl) ;;
    *) name="$name.jsonl" ;;
esac
mkdir -p "$spool/inbox"
cp -- "$1" "$spool/inbox/.$name.tmp"
mv -- "$spool/inbox/.$name.tmp" "$spool/inbox/$name"

echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $name: $(grep -c . "$1") project(s)"
code=0
tiktok-ai run --once --quiet --spool "$spool" || code=$?
echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $name: run --once exited $code"
exit "$code"
