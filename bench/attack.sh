#!/usr/bin/env bash
# Availability under attack (issue 32): rule pages and the health check while eight slow uploads and eight 16 MiB
# batches run, against plain `java -jar` on the shared ESCU + SigmaHQ corpus. Every request goes to loopback and every
# loop stops by itself after DURATION. Prints, for the quiet server and under each attack: rule pages req/s and p99,
# health p50 / p99 / max and what the attackers got.
#
#   bench/attack.sh                  # DURATION=30 seconds per run
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-30}
port=${PORT:-18085}
bench_wrk
bench_workspace
bench_build
started=$(date +%s%N)
java ${JVM_OPTS:-} -jar "$jar" --server.port="$port" --rulescope.data-dir="$work/data" --rulescope.sources=../shared/corpus/escu,../shared/corpus/sigma \
  --rulescope.snapshot-dir= > "$work/app.log" 2>&1 &
pid=$!
bench_await_ready "$port" "$work/app.log"
python3 bench/distinct_paths.py "http://127.0.0.1:$port" "$work" > /dev/null
bench_await_settled "$port" "$work/app.log" "$(head -n 1 "$work/rules.txt")"

printf '\n| run | rule pages req/s | rule pages p99 (ms) | health p50 / p99 / max (ms) | health failures | slow clients turned away | batches answered / turned away |\n|---|---|---|---|---|---|---|\n'
for run in "quiet 0 0" "8 slow uploads 8 0" "8 batches 0 8" "both 8 8"; do
  set -- $run
  slow=${*: -2:1}
  batches=${*: -1}
  name=${run% * *}
  python3 bench/attack.py "http://127.0.0.1:$port" "$duration" "$slow" "$batches" > "$work/attack.out" &
  attack=$!
  sleep 2
  read -r _ _ _ rps _ _ p99 _ _ _ _ < <(THREADS=2 PATHS="$work/rules.txt" wrk -t2 -c8 -d"$(( duration - 4 ))s" -s bench/paths.lua \
    --timeout 10s "http://127.0.0.1:$port" | grep '^RESULT')
  wait "$attack"
  read -r _ h50 h99 hmax hfail slowref bok bref < <(grep '^RESULT' "$work/attack.out")
  printf '| %s | %s | %s | %s / %s / %s | %s | %s | %s / %s |\n' "$name" "${rps%.*}" "$p99" "$h50" "$h99" "$hmax" "$hfail" "$slowref" "$bok" "$bref"
done
echo
echo "Measured $(date -u +%Y-%m-%d), $(nproc) cores, $(java -version 2>&1 | head -n 1); ${duration} s per run"
