#!/usr/bin/env bash
# Renders the ten projects of examples/languages offline and lays three frames of each (at 12 %,
# 50 % and 85 % of the video) side by side, one language a row, into docs/languages-contact-sheet.jpg.
# Usage: scripts/language-contact-sheet.sh [BINARY]   (default: .build/debug/tiktok-ai; run `make build` first)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/debug/tiktok-ai}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
label_font=/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf
rows=()
for language in de es ru ar he hi th zh ja ko; do
  echo "rendering $language" >&2
  "$bin" render "examples/languages/$language.json" --out "$work/$language" >/dev/null
  duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/$language/video.mp4")
  frames=()
  for fraction in 0.12 0.50 0.85; do
    at=$(awk -v d="$duration" -v f="$fraction" 'BEGIN { printf "%.2f", d * f }')
    frame="$work/$language-$fraction.png"
    ffmpeg -v error -y -ss "$at" -i "$work/$language/video.mp4" -frames:v 1 -vf scale=240:-2 "$frame"
    frames+=(-i "$frame")
  done
  row="$work/row-$language.png"
  ffmpeg -v error -y "${frames[@]}" -filter_complex \
    "[0][1][2]hstack=inputs=3,pad=iw+90:ih:90:0:color=0x101418,drawtext=fontfile=$label_font:text=$language:fontcolor=white:fontsize=34:x=18:y=(h-th)/2" "$row"
  rows+=(-i "$row")
done
ffmpeg -v error -y "${rows[@]}" -filter_complex "vstack=inputs=10" -q:v 4 docs/languages-contact-sheet.jpg
echo "docs/languages-contact-sheet.jpg"
