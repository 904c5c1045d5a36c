#!/bin/sh
# backup.sh — back up a spool: a consistent copy of the index and a tarball of the job folders.
#
#   backup.sh DEST_FOLDER            writes DEST_FOLDER/tiktok-ai-YYYYMMDDTHHMMSSZ/{index.sqlite,jobs.tar.gz}
#
# crontab (every night at 03:15):
#   15 3 * * *  SPOOL_DIR=/srv/tiktok-ai/spool PATH=/usr/local/bin:/usr/bin:/bin /srv/tiktok-ai/examples/recipes/backup.sh /backups/tiktok-ai >>/var/log/tiktok-ai-backup.log 2>&1
#
# Safe while the daemon runs: `tiktok-ai backup` copies the index consistently and checks the copy.
# The folders are archived as they are; a job that moves while tar reads is archived where tar found
# it (a running job comes back queued at the restored daemon's start). Hidden entries (work in
# progress) are left out. Restore with restore.sh. Prints the backup's folder.
# Exit status: 0 written; 1 the index copy or the archive failed; 64 bad usage.
set -eu

if [ "$#" -ne 1 ]; then
    echo "usage: $0 DEST_FOLDER" >&2
    exit 64
fi
spool=${SPOOL_DIR:-./spool}
target="$1/tiktok-ai-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$target"
tiktok-ai backup --spool "$spool" "$target/index.sqlite" >/dev/null
code=0
tar -C "$spool" --exclude='.*' -czf "$target/jobs.tar.gz" inbox queued running done failed || code=$?
# GNU tar's 1: some file changed or vanished while it read (a job moved on); the rest is complete.
if [ "$code" -gt 1 ]; then
    echo "$0: tar failed ($code)" >&2
    exit 1
fi
echo "$target"
