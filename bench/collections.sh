#!/usr/bin/env bash
# "Changed upstream since pinned" for collections of 500 rules over the shared SigmaHQ history. The app starts over a
# bare clone of the bundle checked out at its first commit; COLLECTIONS collections of 500 distinct rules each are
# made (rules whose files change by the head first, then others), every member pinned there. The app then restarts
# over the same data folder at the head, reads the history, and each collection's page and JSON are timed: the first
# view (nothing about its pins cached yet) and VIEWS later ones.
#
#   bench/collections.sh                 # builds the jar
#   COLLECTIONS=4 VIEWS=5 bench/collections.sh target/rulescope-0.1.0-SNAPSHOT.jar
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

bundle=../shared/git/sigma-history.bundle
[ -f "$bundle" ] || { echo "the shared SigmaHQ history is missing: $bundle" >&2; exit 2; }
collections=${COLLECTIONS:-4}
views=${VIEWS:-5}
port=${PORT:-18082}
bench_workspace
if [ $# -ge 1 ]; then jar=$1; else bench_build; fi

git clone -q --bare "$bundle" "$work/sigma.git"
root=$(git -C "$work/sigma.git" rev-list --max-parents=0 HEAD)
git -C "$work/sigma.git" branch -q main HEAD
git -C "$work/sigma.git" tag pinned "$root"
echo "SigmaHQ history: $(git -C "$work/sigma.git" rev-list --count main) commits; pinned at the first, viewed at the head"

# Rule ids at the first commit, those whose file changes by the head first.
{ git -C "$work/sigma.git" diff --name-only pinned main; git -C "$work/sigma.git" ls-tree -r --name-only pinned; } \
  | grep -E '^rules.*\.yml$' | awk '!seen[$0]++' > "$work/paths"
while read -r path; do
  git -C "$work/sigma.git" show "pinned:$path" 2>/dev/null | grep -m1 -E '^id: ' | cut -c5- || true
done < "$work/paths" | awk 'NF && !seen[$0]++' > "$work/ids"
needed=$(( collections * 500 ))
[ "$(wc -l < "$work/ids")" -ge "$needed" ] || { echo "only $(wc -l < "$work/ids") rule ids; fewer collections, please" >&2; exit 2; }

start() { # REF LOG
  started=$(date +%s%N)
  java -Xmx1g -jar "$jar" --server.port="$port" --rulescope.sources="sigma=file://$work/sigma.git#$1" \
    --rulescope.snapshot-dir= --rulescope.data-dir="$work/data" --rulescope.refresh-interval=0 > "$2" 2>&1 &
  pid=$!
  bench_await_ready "$port" "$2"
  until grep -q "History of sigma: \|Could not read the history of sigma" "$2"; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$2" >&2; exit 1; }
    sleep 0.2
  done
}
stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; }

start pinned "$work/pinned.log"
password=$(grep -oE "with the password [^ ]+" "$work/pinned.log" | head -n 1 | cut -d' ' -f4)
for n in $(seq 1 "$collections"); do
  id=$(curl -sf -u "admin:$password" -H 'Content-Type: application/json' -d "{\"name\":\"Bench $n\"}" \
    "http://127.0.0.1:$port/api/collections" | jq -r .id)
  sed -n "$(( (n - 1) * 500 + 1 )),$(( n * 500 ))p" "$work/ids" | jq -R . | jq -s '{ids: .}' > "$work/members$n.json"
  curl -sf -u "admin:$password" -H 'Content-Type: application/json' --data-binary @"$work/members$n.json" \
    "http://127.0.0.1:$port/api/collections/$id/members" | jq -r '"collection \(.added | length) members pinned, \(.unmatched | length) unmatched"'
  echo "$id" >> "$work/collection-ids"
done
stop

start main "$work/head.log"
sleep 2
for id in $(cat "$work/collection-ids"); do
  first=$(curl -sf -o "$work/view.json" -w '%{time_total}' "http://127.0.0.1:$port/api/collections/$id")
  changed=$(jq '.changedUpstream | length' "$work/view.json")
  removed=$(jq '[.members[] | select(.removed)] | length' "$work/view.json")
  page_first=$(curl -sf -o /dev/null -w '%{time_total}' "http://127.0.0.1:$port/collections/$id")
  for v in $(seq 1 "$views"); do
    curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/api/collections/$id" >> "$work/json-later"
    curl -sf -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/collections/$id" >> "$work/page-later"
  done
  printf 'collection %s: %d changed upstream, %d removed; first view: JSON %.0f ms, page %.0f ms\n' "$id" "$changed" "$removed" \
    "$(echo "$first * 1000" | bc)" "$(echo "$page_first * 1000" | bc)"
done
median_ms() { sort -n "$1" | awk '{a[NR]=$1} END {printf "%.0f", 1000 * ((NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
max_ms() { sort -n "$1" | tail -n 1 | awk '{printf "%.0f", 1000 * $1}'; }
echo "later views (${views} each): JSON median $(median_ms "$work/json-later") ms (max $(max_ms "$work/json-later")), page median $(median_ms "$work/page-later") ms (max $(max_ms "$work/page-later"))"
