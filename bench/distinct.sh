#!/usr/bin/env bash
# Rulescope under distinct traffic: every request different, built from the catalog itself (bench/distinct_paths.py),
# against plain `java -jar` as the README runs it. For each mix: distinct paths, req/s, p50/p90/p99 and errors, with
# wrk on loopback (32 connections, 10 s warm-up on other paths, DURATION measured). Needs the shared corpus, python3,
# curl and wrk (installed from Debian when missing).
#
#   bench/distinct.sh                 # DURATION=20s per mix
#   MIXES="matrix rules" bench/distinct.sh
#   HOSTILE=16 bench/distinct.sh      # while 16 clients send broad 64-wildcard searches, each one different
#   ACCEPT_ENCODING=gzip bench/distinct.sh   # ask as browsers do (then "from a cache" misses gzipped API answers)
#   SCALE=10 bench/distinct.sh        # on ten copies of the corpus with fresh rule ids (bench/scale_corpus.py)
#   PROFILE=/tmp/p.jfr bench/distinct.sh   # also a JFR profile of the measured app, written when the mixes are done
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-20s}
connections=${CONNECTIONS:-32}
port=${PORT:-18083}
for dir in ../shared/corpus/escu ../shared/corpus/sigma; do
  [ -d "$dir" ] || { echo "the shared corpus is missing: $dir"; exit 2; }
done
bench_wrk
bench_workspace
bench_build
sources=../shared/corpus/escu,../shared/corpus/sigma
scale=${SCALE:-1}
if [ "$scale" -gt 1 ]; then
  python3 bench/scale_corpus.py "$scale" "$work/corpus$scale" ../shared/corpus/escu ../shared/corpus/sigma
  sources=$(ls -d "$work/corpus$scale"/* | paste -sd, -)
fi

# Plain java -jar on the shared corpus, as the README runs it; ready when this returns.
start() {
  started=$(date +%s%N)
  # shellcheck disable=SC2086
  java ${JVM_OPTS:-} ${PROFILE:+-XX:StartFlightRecording=settings=profile} -jar "$jar" --server.port="$port" --rulescope.data-dir="$work/data" --rulescope.sources="$sources" \
    --rulescope.snapshot-dir= ${EXTRA_ARGS:-} > "$work/app.log" 2>&1 &
  pid=$!
  bench_await_ready "$port" "$work/app.log"
}

start
echo "ready in $ready_ms ms (plain java -jar ${JVM_OPTS:-}; corpus x$scale)"
python3 bench/distinct_paths.py "http://127.0.0.1:$port" "$work"
# The list builder read 800 rule APIs; restart so no answer it caused is cached when the clock starts.
kill "$pid"; wait "$pid" 2>/dev/null || true
start
bench_await_settled "$port" "$work/app.log" "$(tail -n 1 "$work/rules.txt")"  # a path of the warm-up half
echo "settled in $settled_ms ms (file texts compacted, matcher compiled, index merged, rule views built)"

hostile=${HOSTILE:-0}
printf '\n| mix (distinct paths) | paths | times each path was asked | req/s | p50 / p90 / p99 (ms) | errors | from a cache |%s\n|---|---|---|---|---|---|---|%s\n' \
  "$([ "$hostile" -gt 0 ] && echo " broad searches answered / turned away |")" "$([ "$hostile" -gt 0 ] && echo "---|")"
for mix in ${MIXES:-api-search search-page rules matrix indicators techniques fields}; do
  list="$work/$mix.txt"
  # Warm the JIT on the second half of the list, measure from the first: the measured paths were never asked before.
  total=$(wc -l < "$list")
  tail -n $(( total / 2 )) "$list" > "$work/warm.txt"
  head -n $(( total - total / 2 )) "$list" > "$work/measure.txt"
  THREADS=2 PATHS="$work/warm.txt" wrk -t2 -c"$connections" -d10s -s bench/paths.lua "http://127.0.0.1:$port" > /dev/null
  if [ "$hostile" -gt 0 ]; then
    THREADS=1 PATHS="$work/hostile.txt" wrk -t1 -c"$hostile" -d"$duration" -s bench/paths.lua --timeout 10s \
      "http://127.0.0.1:$port" > "$work/hostile.out" &
    hostile_pid=$!
  fi
  read -r _ requests errors rps p50 p90 p99 max hits _ _ < <(THREADS=2 PATHS="$work/measure.txt" wrk -t2 -c"$connections" -d"$duration" \
    -s bench/paths.lua --timeout 10s "http://127.0.0.1:$port" | grep '^RESULT')
  broad=""
  if [ "$hostile" -gt 0 ]; then
    wait "$hostile_pid"
    read -r _ _ _ _ _ _ _ _ _ answered refused < <(grep '^RESULT' "$work/hostile.out")
    broad=" $answered / $refused |"
  fi
  paths=$(wc -l < "$work/measure.txt")
  # Above 1, a list ran out and was asked again: those answers may come from caches, which this column makes visible.
  printf '| %s | %s | %s | %s | %s / %s / %s | %s of %s | %s%% |%s\n' "$mix" "$paths" "$(( (requests + paths - 1) / paths ))" "${rps%.*}" \
    "$p50" "$p90" "$p99" "$errors" "$requests" "$(( 100 * hits / (requests > 0 ? requests : 1) ))" "$broad"
done
if [ -n "${PROFILE:-}" ]; then
  jcmd "$pid" JFR.dump filename="$PROFILE" > /dev/null && echo "profile of the measured app: $PROFILE"
fi
echo
echo "Measured $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1); a mix cycles its list when it runs out"
