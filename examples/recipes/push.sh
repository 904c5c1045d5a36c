#!/bin/sh
# push.sh — push project files into a remote spool's inbox, with rsync or with scp, over ssh.
#
#   push.sh rsync [USER@]HOST:SPOOL FILE...
#   push.sh scp   [USER@]HOST:SPOOL FILE...
#
#   push.sh rsync render@videos:/srv/tiktok-ai/spool octopus.json tonight.jsonl
#
# rsync is safe as it is: it writes each file as `.NAME.XXXXXX` beside the final name and renames it
# when complete, and the daemon never takes a name that starts with `.`. --partial-dir keeps a broken
# transfer in the hidden `inbox/.rsync-partial/` (ignored too), so the next run resumes it instead of
# leaving a truncated file under its real name.
#
# scp writes the final name in place, so a daemon may see a half-written file (it waits for the
# settle window, 2 s, but a killed scp still leaves a truncated file under a real name). So scp puts
# the files in a hidden folder in the inbox (`inbox/.scp-…/`, never taken), and one `ssh … mv`
# renames each into the inbox once all are complete: rename(2) on one filesystem, so the daemon sees
# every file whole or not at all. A failed upload leaves only the hidden folder (remove it, or rerun).
#
# SSH_OPTIONS: extra ssh options, split on spaces; say "-o Port=2222" (ssh, scp and rsync's ssh all
# take it) rather than -p/-P. scp needs OpenSSH 9 or later on this side for paths with spaces (SFTP).
# Exit status: 0 every file is in the inbox; 64 bad usage; rsync's, scp's or ssh's status otherwise.
set -eu

if [ "$#" -lt 3 ] || { [ "$1" != rsync ] && [ "$1" != scp ]; }; then
    echo "usage: $0 rsync|scp [USER@]HOST:SPOOL FILE..." >&2
    exit 64
fi
tool=$1
destination=${2%/}
shift 2
case "$destination" in
    *:*) ;;
    *) echo "$0: '$destination' is not HOST:SPOOL" >&2; exit 64 ;;
esac

if [ "$tool" = rsync ]; then
    rsync --partial-dir=.rsync-partial --chmod=F644 -e "ssh ${SSH_OPTIONS:-}" -- "$@" "$destination/inbox/"
else
    host=${destination%%:*}
    spool=${destination#*:}
    staging=".scp-$(date +%s)-$$"
    # One word for the remote shell, whatever the path holds: '…' with each ' closed, escaped, reopened.
    inbox="'$(printf '%s' "$spool/inbox" | sed "s/'/'\\\\''/g")'"
    # shellcheck disable=SC2086 # SSH_OPTIONS is a list of options on purpose
    ssh ${SSH_OPTIONS:-} "$host" "mkdir -- $inbox/$staging"
    # shellcheck disable=SC2086
    scp -q ${SSH_OPTIONS:-} -- "$@" "$host:$spool/inbox/$staging/"
    # shellcheck disable=SC2086
    ssh ${SSH_OPTIONS:-} "$host" "cd $inbox && for f in $staging/*; do mv -- \"\$f\" . || exit 1; done && rmdir $staging"
fi
echo "pushed $# file(s) to $destination/inbox/ with $tool"
