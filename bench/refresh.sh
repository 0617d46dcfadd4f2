#!/usr/bin/env bash
# Rulescope live-catalog benchmark: the shared SigmaHQ history as a git source beside the ESCU directory, then
#   - the history of the whole bundle (222 commits) read in the background after the catalog serves,
#   - a refresh when nothing changed (fetch, scan, hash: no parse),
#   - a refresh after one commit that changes 10 rule files (only those are parsed again),
#   - the same again with the refresh under way while wrk runs search load (errors must be 0).
#
#   bench/refresh.sh                 # RUNS=3 of each refresh; medians
#
# Needs the shared data beside the project (../shared/git/sigma-history.bundle, ../shared/corpus/escu), python3,
# curl and git (only to make the remote and the commits the benchmark refreshes onto; Rulescope itself uses JGit).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runs=${RUNS:-3}
port=${PORT:-18081}
bundle=../shared/git/sigma-history.bundle
escu=../shared/corpus/escu
[ -f "$bundle" ] && [ -d "$escu" ] || { echo "the shared data is missing: $bundle, $escu"; exit 2; }

bench_workspace
bench_build

# The remote: a bare repository with the bundle's history on main, and a work tree to commit changes from.
git init -q --bare -b main "$work/sigma.git"
git -C "$work/sigma.git" fetch -q "$(realpath "$bundle")" "+HEAD:refs/heads/main"
git clone -q "$work/sigma.git" "$work/edit"
git -C "$work/edit" config user.name bench && git -C "$work/edit" config user.email bench@example.org

token=bench-$RANDOM$RANDOM
started=$(date +%s%N)
java -Xmx1g -jar "$jar" --server.port="$port" --rulescope.sources="sigma=file://$work/sigma.git,escu=$escu" \
  --rulescope.data-dir="$work/data" --rulescope.snapshot-dir= --rulescope.refresh-interval=0 \
  --rulescope.admin-token="$token" > "$work/app.log" 2>&1 &
pid=$!
bench_await_ready "$port" "$work/app.log"
until grep -q "History of sigma" "$work/app.log"; do sleep 0.2; done
history=$(grep -oE "History of sigma: [0-9]+ commits, [0-9]+ (rules, read in|new versions in) [0-9]+ ms( \\([^)]*\\))?" "$work/app.log")
first_phases=$(curl -sf "http://127.0.0.1:$port/api/ingest" | python3 -c "import json,sys; print(json.load(sys.stdin)['phaseMillis'])")

json() { curl -sf "http://127.0.0.1:$port/api/ingest" | python3 -c "import json,sys; d=json.load(sys.stdin); $1"; }

# refresh: asks for one and waits for it to be listed; prints outcome, ms, files parsed and reused.
refresh() {
  local before
  before=$(json "print(len(d['refreshes']))")
  curl -sf -X POST -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/refresh" > /dev/null
  until [ "$(json "print(len(d['refreshes']))")" -gt "$before" ] || [ "$before" -ge 20 ]; do sleep 0.05; done
  json "r=d['refreshes'][0]; print(r['outcome'], r['millis'], r['filesParsed'], r['filesReused'], len(r['added']), len(r['modified']), len(r['removed']))"
}

# ten_changed N: commits a change to 10 rule files (a reference appended) and pushes it.
ten_changed() {
  local n=0
  while IFS= read -r f; do
    printf '# bench edit %s\n' "$1" >> "$work/edit/$f"
    n=$((n + 1)); [ $n -ge 10 ] && break
  done < <(git -C "$work/edit" ls-files 'rules/windows/process_creation/*.yml' | shuf --random-source=<(yes "$1"))
  git -C "$work/edit" commit -qam "bench: 10 rules changed ($1)"
  git -C "$work/edit" push -q origin HEAD:main
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

unchanged=(); changed=(); parsed=()
for i in $(seq 1 "$runs"); do
  read -r outcome ms _ _ _ _ _ < <(refresh)
  [ "$outcome" = UNCHANGED ] || { echo "expected UNCHANGED, got $outcome"; exit 1; }
  unchanged+=("$ms")
  ten_changed "$i"
  read -r outcome ms files reused _ modified _ < <(refresh)
  [ "$outcome" = PUBLISHED ] || { echo "expected PUBLISHED, got $outcome"; exit 1; }
  changed+=("$ms"); parsed+=("$files/$reused, $modified rules modified")
done

echo
echo "Measured $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1)"
echo "ready (sigma git clone + escu directory): $ready_ms ms; phases (ms): $first_phases"
echo "$history (in the background after the catalog serves)"
echo "refresh, nothing changed:   $(printf '%s\n' "${unchanged[@]}" | median) ms median of ${unchanged[*]}"
echo "refresh, 10 files changed:  $(printf '%s\n' "${changed[@]}" | median) ms median of ${changed[*]} (parsed/reused: ${parsed[*]})"
echo "phases of the last refresh (ms): $(json "print(d['phaseMillis'])")"
