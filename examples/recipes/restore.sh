#!/bin/sh
# restore.sh — restore a backup made by backup.sh into a spool (a fresh one, or this one replaced).
#
#   restore.sh BACKUP_FOLDER [SPOOL]     SPOOL defaults to $SPOOL_DIR, else ./spool
#
# Stop the daemon first (`systemctl stop tiktok-ai`): the spool's folders and index are replaced.
# As README's "Restoring a backup": the index's -wal and -shm files go, the backup becomes
# index.sqlite, and `tiktok-ai reindex` brings it up to date with the folders.
# Exit status: 0 restored; 1 a daemon holds the spool, or a step failed; 64 bad usage.
set -eu

if [ "$#" -lt 1 ] || [ ! -f "$1/index.sqlite" ] || [ ! -f "$1/jobs.tar.gz" ]; then
    echo "usage: $0 BACKUP_FOLDER [SPOOL]   (BACKUP_FOLDER holds index.sqlite and jobs.tar.gz)" >&2
    exit 64
fi
backup=$1
spool=${2:-${SPOOL_DIR:-./spool}}
mkdir -p "$spool"
# The daemon holds an flock on .lock while it serves the spool.
if [ -f "$spool/.lock" ] && ! flock -n "$spool/.lock" true; then
    echo "$0: a daemon serves $spool; stop it first" >&2
    exit 1
fi
for folder in inbox queued running done failed; do
    rm -rf "${spool:?}/$folder"
done
tar -C "$spool" -xzf "$backup/jobs.tar.gz"
rm -f "$spool/index.sqlite-wal" "$spool/index.sqlite-shm"
cp -- "$backup/index.sqlite" "$spool/index.sqlite"
tiktok-ai reindex --spool "$spool"
