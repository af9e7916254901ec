#!/usr/bin/env bash
# The big file moves of the house restructuring (issue 16), as a replayable script: run it on any
# tree (also one with more files in these folders than when it was written) and it moves whole
# folders and rewrites every reference across the repository, new files included. Idempotent:
# a second run finds nothing to move and nothing to rewrite.
#
#   bash scripts/house-moves.sh && npx tsc --noEmit -p tsconfig.all.json
#
# Moves:
#   lib/pusher-server/  ->  realtime-server/   (the realtime server is its own program: its own
#                                               top-level home, its test helpers with it)
set -euo pipefail
cd "$(dirname "$0")/.."

# Every file git would see (tracked, and untracked but not ignored), except this script.
repo_files() { git ls-files -co --exclude-standard | grep -v -e '^node_modules/' -e '^scripts/house-moves.sh$' | while read -r f; do [ -f "$f" ] && echo "$f"; done; }

if [ -d lib/pusher-server ]; then
  echo "moving lib/pusher-server -> realtime-server"
  mkdir -p realtime-server
  # Tracked files with git mv (history follows), anything else with mv; whole folder, any depth.
  while read -r f; do
    dest="realtime-server/${f#lib/pusher-server/}"
    mkdir -p "$(dirname "$dest")"
    if git ls-files --error-unmatch "$f" >/dev/null 2>&1; then git mv -k "$f" "$dest"; else mv "$f" "$dest"; fi
  done < <(find lib/pusher-server -type f)
  find lib/pusher-server -depth -type d -empty -delete
  # The folder moved up one level: in its top-level files, '../../x' (out of lib) becomes '../x'
  # and '../x' (a sibling in lib) becomes '../lib/x'. (Today it imports nothing outside itself.)
  find realtime-server -maxdepth 1 -name '*.ts' -print0 | xargs -0 -r sed -i -E \
    -e "s#((from|import\\() *')\\.\\./\\.\\./#\\1__HOUSE_UP__/#g" \
    -e "s#((from|import\\() *')\\.\\./#\\1../lib/#g" \
    -e "s#__HOUSE_UP__#..#g" \
    -e "s#(here, '\\.\\.'), '\\.\\.'\\)#\\1)#g"
fi

# References from anywhere else: paths in configs, scripts, docs, and imports.
files=$(repo_files | xargs -r grep -l -e 'lib/pusher-server' -e "'\\.\\./pusher-server/" 2>/dev/null || true)
if [ -n "$files" ]; then
  echo "rewriting references in: $(echo "$files" | tr '\n' ' ')"
  # '@/lib/pusher-server/x', 'lib/pusher-server/x', '../lib/pusher-server/x' …
  echo "$files" | xargs -r sed -i -e 's#lib/pusher-server#realtime-server#g'
  # from a file one folder inside lib/: '../pusher-server/x' -> '../../realtime-server/x'
  echo "$files" | grep '^lib/[^/]*/[^/]*$' | xargs -r sed -i -e "s#'\\.\\./pusher-server/#'../../realtime-server/#g" || true
fi
# The import-circle check covers the realtime server's new home too.
for f in package.json scripts/test-all.sh; do
  grep -q 'app components lib realtime-server bench server.ts' "$f" || sed -i 's#app components lib bench server.ts#app components lib realtime-server bench server.ts#' "$f"
done
echo "house-moves: done"
