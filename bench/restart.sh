#!/usr/bin/env bash
# Restarts over a saved catalog snapshot, for one jar or two side by side (alternating, so both see the same stretch
# of a noisy machine): each jar is run the shipped way (extracted, AOT, class-data archive, C1, parallel GC), started
# cold once to save its snapshot (its ready time and main ingest phases are printed), then restarted RUNS times.
# Prints, per jar, the median `java` to ready, the snapshot restore phase and the heap after a full GC once the
# catalog has settled.
#
#   bench/restart.sh target/rulescope-0.1.0-SNAPSHOT.jar
#   RUNS=5 CORPORA=all bench/restart.sh /tmp/before.jar target/rulescope-0.1.0-SNAPSHOT.jar
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

[ $# -ge 1 ] || { echo "usage: bench/restart.sh JAR [JAR]" >&2; exit 2; }
runs=${RUNS:-3}
port=${PORT:-18081}
corpora=${CORPORA:-all}
[ "$corpora" = all ] && corpora="escu sigma sentinel elastic"
sources=""
for name in $corpora; do
  [ -d "../shared/corpus/$name" ] || { echo "the shared corpus is missing: ../shared/corpus/$name" >&2; exit 2; }
  sources="${sources:+$sources,}$name=$(realpath "../shared/corpus/$name")"
done
bench_workspace

# prepare N JAR: the extracted layout and class-data archive of jar N, as the Dockerfile builds them.
prepare() {
  local dir="$work/app$1"
  java -Djarmode=tools -jar "$2" extract --destination "$dir" > /dev/null
  java -Xint -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit="$dir/rulescope.jsa" -Dspring.context.exit=onRefresh \
    -jar "$dir/$(basename "$2")" --server.port=0 --rulescope.snapshot-dir= --rulescope.data-dir="$work/training-data$1" > "$work/training$1.log" 2>&1 \
    || { tail -n 20 "$work/training$1.log"; exit 1; }
}

# launch N LOG: starts jar N over its own snapshot folder and data folder; waits for ready (sets ready_ms) and for
# the work after serving.
launch() {
  local dir="$work/app$1" started
  started=$(date +%s%N)
  java -Xmx768m -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -XX:SharedArchiveFile="$dir/rulescope.jsa" \
    -Dspring.aot.enabled=true -XX:StringTableSize=262144 -jar "$dir/$(basename "${jars[$1]}")" --server.port="$port" \
    --rulescope.sources="$sources" --rulescope.snapshot-dir="$work/snapshots$1" --rulescope.data-dir="$work/data$1" \
    > "$2" 2>&1 &
  pid=$!
  bench_await_ready "$port" "$2"
  bench_await_settled "$port" "$2"
}

stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; }

heap_mb() {
  jcmd "$pid" GC.run > /dev/null; sleep 2; jcmd "$pid" GC.run > /dev/null
  # The young and old generations of the parallel collector (or G1's one line).
  jcmd "$pid" GC.heap_info | grep -E 'garbage-first heap|PSYoungGen|ParOldGen' | grep -oE 'used [0-9]+K' \
    | grep -oE '[0-9]+' | awk '{s += $1} END {printf "%d", s / 1024}'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

jars=("$@")
for n in "${!jars[@]}"; do
  prepare "$n" "${jars[$n]}"
  launch "$n" "$work/cold$n.log"
  cold=$(curl -sf "http://127.0.0.1:$port/api/ingest" | python3 -c \
    'import json,sys; p=json.load(sys.stdin).get("phaseMillis", {}); print(p.get("parse", -1), p.get("query analysis", -1), p.get("index", -1))')
  echo "jar $n cold start: ready ${ready_ms} ms; parse / query analysis / index ${cold// / \/ } ms"
  stop
done
for run in $(seq 1 "$runs"); do
  for n in "${!jars[@]}"; do
    log="$work/restart$n-$run.log"
    launch "$n" "$log"
    restore=$(curl -sf "http://127.0.0.1:$port/api/ingest" | python3 -c \
      'import json,sys; print(json.load(sys.stdin).get("phaseMillis", {}).get("snapshot restore", -1))')
    echo "$ready_ms $restore $(heap_mb)" >> "$work/figures$n"
    echo "jar $n run $run: ready ${ready_ms} ms, snapshot restore ${restore} ms"
    stop
  done
done
for n in "${!jars[@]}"; do
  printf '%s: restart ready %s ms, snapshot restore %s ms, heap after GC %s MB (medians of %s); snapshot %s\n' \
    "${jars[$n]}" "$(cut -d' ' -f1 "$work/figures$n" | median)" "$(cut -d' ' -f2 "$work/figures$n" | median)" \
    "$(cut -d' ' -f3 "$work/figures$n" | median)" "$runs" "$(du -sh "$work/snapshots$n" | cut -f1)"
done
