#!/usr/bin/env bash
# Event matching over HTTP with the whole shared corpus loaded, against plain `java -jar`:
#  1. POST /api/match with 8 concurrent clients (wrk), every request a different event (bench/match_events.py):
#     req/s and p50/p90/p99;
#  2. POST /api/match/batch: 20,000 distinct events in one NDJSON body, events/s end to end (one request thread).
# Needs the shared corpus, python3, curl and wrk (installed from Debian when missing).
#
#   bench/match.sh                 # DURATION=20s, CONNECTIONS=8
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

duration=${DURATION:-20s}
connections=${CONNECTIONS:-8}
port=${PORT:-18084}
[ -d ../shared/events/sigma-regression ] || { echo "the shared regression events are missing"; exit 2; }
bench_wrk
bench_workspace
bench_build

started=$(date +%s%N)
# Every client's match is let in (by default half the request threads may match at once and the rest are turned
# away with a 503, so that pages stay served): this measures matching, not the turning away.
# shellcheck disable=SC2086
java ${JVM_OPTS:-} -jar "$jar" --server.port="$port" --rulescope.data-dir="$work/data" --rulescope.sources=../shared/corpus/escu,../shared/corpus/sigma \
  --rulescope.snapshot-dir= --rulescope.match.max-batch-bytes=134217728 --rulescope.heavy-requests.concurrency="$connections" \
  > "$work/app.log" 2>&1 &
pid=$!
bench_await_ready "$port" "$work/app.log"
echo "ready in $ready_ms ms; $(grep -o 'matcher=[0-9]*' "$work/app.log" | head -n 1) ms to build the matcher at ingest"

python3 bench/match_events.py "$work/warm.ndjson" 3000 > /dev/null
python3 bench/match_events.py "$work/events.ndjson" 40000
# Warm-up on other events (JIT), then the measured run.
EVENTS="$work/warm.ndjson" THREADS=2 wrk -t2 -c"$connections" -d10s -s bench/match.lua "http://127.0.0.1:$port" > /dev/null
line=$(EVENTS="$work/events.ndjson" THREADS=2 wrk -t2 -c"$connections" -d"$duration" -s bench/match.lua "http://127.0.0.1:$port" | grep '^RESULT')
read -r _ rps p50 p90 p99 bad <<< "$line"
printf '%-28s %10s %8s %8s %8s %8s\n' "mix" "req/s" "p50 ms" "p90 ms" "p99 ms" "non-200"
printf '%-28s %10s %8s %8s %8s %8s\n' "/api/match (${connections} clients)" "$rps" "$p50" "$p90" "$p99" "$bad"

head -n 20000 "$work/events.ndjson" > "$work/batch.ndjson"
t=$(date +%s%N)
curl -sf -X POST -H 'Content-Type: application/x-ndjson' --data-binary @"$work/batch.ndjson" \
  "http://127.0.0.1:$port/api/match/batch" > "$work/batch.out"
ms=$(( ($(date +%s%N) - t) / 1000000 ))
lines=$(wc -l < "$work/batch.out")
fires=$(grep -o '"fires":\[[^]]' "$work/batch.out" | wc -l)
echo "/api/match/batch: $lines events in $ms ms = $(( lines * 1000 / (ms > 0 ? ms : 1) )) events/s over HTTP ($fires with at least one rule firing)"
