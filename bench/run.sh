#!/usr/bin/env bash
# Rulescope benchmark: one table of start-up, ingest, memory, restart and HTTP load figures, for the shared corpus
# and for a generated corpus ten times its size.
#
#   bench/run.sh                      # 1x and 10x, 3 runs each for start-up figures, 60 s per load mix
#   SCALES=1 RUNS=5 bench/run.sh      # only the shared corpus, five runs
#   DURATION=20s bench/run.sh         # shorter load runs
#   EXTRA_ARGS=--rulescope.page-cache.enabled=false bench/run.sh   # rendering without the page cache
#   JVM_OPTS="" bench/run.sh          # the default tiered JIT and G1 instead of the shipped C1 and parallel GC (see README)
#   CORPORA=all SCALES=1 bench/run.sh # all four shared corpora (ESCU, Sigma, Sentinel, Elastic); default: escu sigma
#
# For each scale it starts the jar RUNS times with an empty snapshot folder (cold: java -jar to ready, per-phase
# ingest times, heap after a full GC, peak RSS), RUNS times over the snapshot the cold run saved (restart), then once
# more for wrk load on loopback: 10 s warm-up and DURATION measured per mix (search API, rule pages, ATT&CK matrix),
# 32 connections. Start-up figures are medians. Needs the shared corpus beside the project, python3, curl, jcmd, wrk.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runs=${RUNS:-3}
scales=${SCALES:-1 10}
duration=${DURATION:-60s}
connections=${CONNECTIONS:-32}
port=${PORT:-18080}
corpora=${CORPORA:-escu sigma}
[ "$corpora" = all ] && corpora="escu sigma sentinel elastic"
corpus=()
for name in $corpora; do corpus+=("../shared/corpus/$name"); done
for dir in "${corpus[@]}"; do
  [ -d "$dir" ] || { echo "the shared corpus is missing: $dir (it must sit beside the project)"; exit 2; }
done
bench_wrk
bench_workspace

# The shipped way to run (see the Dockerfile): the jar extracted, Spring AOT, a class-data archive from a training run.
bench_build
app="$work/app"
java -Djarmode=tools -jar "$jar" extract --destination "$app" > /dev/null
appjar="$app/$(basename "$jar")"
# -Xint: see the Dockerfile (a method queued for the JIT at exit would never be compiled in the measured runs).
java -Xint -Dspring.aot.enabled=true -XX:ArchiveClassesAtExit="$app/rulescope.jsa" -Dspring.context.exit=onRefresh -jar "$appjar" \
  --server.port=0 --rulescope.snapshot-dir= --rulescope.data-dir="$work/training-data" > "$work/training.log" 2>&1 || { tail -n 20 "$work/training.log"; exit 1; }
jvm_opts="${JVM_OPTS--XX:TieredStopAtLevel=1 -XX:+UseParallelGC} -XX:SharedArchiveFile=$app/rulescope.jsa -Dspring.aot.enabled=true -XX:+UseTransparentHugePages -XX:StringTableSize=262144"

# start SOURCES SNAPSHOT_DIR XMX LOG: starts the app, sets pid, and returns once it is ready, with ready_ms set.
start() {
  local started=$(date +%s%N)
  # shellcheck disable=SC2086
  java -Xmx"$3" $jvm_opts -jar "$appjar" --server.port="$port" --rulescope.sources="$1" --rulescope.data-dir="$work/data" \
    --rulescope.snapshot-dir="$2" ${EXTRA_ARGS:-} > "$4" 2>&1 &
  pid=$!
  for _ in $(seq 1 2400); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; then
      ready_ms=$(( ($(date +%s%N) - started) / 1000000 )); return 0
    fi
    kill -0 "$pid" 2>/dev/null || { echo "rulescope exited; log:" >&2; tail -n 40 "$4" >&2; exit 1; }
    sleep 0.05
  done
  echo "not ready after 120 s" >&2; exit 1
}

stop() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; pid=""; }

# Waits until the app has written its snapshot (so the restart runs have one to find) and finished the work that runs
# after the catalog serves (compacting the file texts, the matcher), whose phases the report then lists.
await_snapshot() {
  for _ in $(seq 1 600); do
    grep -q "Ingest r1: after serving" "$1" && grep -q "Saved the catalog\|Could not save\|Restored the catalog" "$1" \
      && return 0
    sleep 0.1
  done
}

# One start-up measurement, written to $5 as a JSON line: ready, context, phases, heap after GC, peak RSS. Heap is
# read once the snapshot is written (a cold start) or restored, so it is the catalog's resting size.
measure() {
  local context report heap rss
  start "$1" "$2" "$3" "$4"
  await_snapshot "$4"
  context=$(grep -oE 'Started RulescopeApplication in [0-9.]+ seconds' "$4" | grep -oE '[0-9.]+' | awk '{printf "%d", $1*1000}')
  report=$(curl -sf "http://127.0.0.1:$port/api/ingest")
  # Two full collections a moment apart (G1 with string deduplication, if asked for, dedups concurrently after the first).
  jcmd "$pid" GC.run > /dev/null; sleep 2; jcmd "$pid" GC.run > /dev/null
  # The heap's used kilobytes: G1's one line, or the parallel (and serial) collector's young and old generations.
  heap=$(jcmd "$pid" GC.heap_info | grep -E 'garbage-first heap|PSYoungGen|ParOldGen|def new generation|tenured generation' \
    | grep -oE 'used [0-9]+K' | grep -oE '[0-9]+' | awk '{s += $1} END {print s + 0}')
  rss=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  python3 -c '
import json, sys
r = json.loads(sys.argv[1]); t = r["totals"]
row = {"files": t["files"], "rules": t["rules"], "errors": t["errors"], "ready": int(sys.argv[2]),
       "context": int(sys.argv[3] or 0), "ingest": t["totalMillis"], "heap": int(sys.argv[4]) // 1024, "rss": int(sys.argv[5]) // 1024}
row.update({"phase " + k: v for k, v in r["phaseMillis"].items()})
print(json.dumps(row))' "$report" "$ready_ms" "$context" "$heap" "$rss" > "$5"
}

results="$work/results.jsonl"
for scale in $scales; do
  if [ "$scale" -gt 1 ]; then
    python3 bench/scale_corpus.py "$scale" "$work/corpus$scale" "${corpus[@]}"
    sources=$(ls -d "$work/corpus$scale"/* | paste -sd, -)
    xmx=2g
  else
    sources=$(IFS=,; echo "${corpus[*]}")
    xmx=512m
  fi
  echo "scale ${scale}x: $runs cold starts, $runs restarts, then load" >&2
  for run in $(seq 1 "$runs"); do
    snap="$work/snap$scale.$run"
    measure "$sources" "$snap" "$xmx" "$work/cold.log" "$work/row.json"
    stop
    echo "{\"scale\": $scale, \"kind\": \"cold\", \"row\": $(cat "$work/row.json")}" >> "$results"
  done
  for run in $(seq 1 "$runs"); do
    measure "$sources" "$snap" "$xmx" "$work/warm.log" "$work/row.json"
    grep -q "Restored the catalog" "$work/warm.log" || echo "warning: restart at ${scale}x did not restore the snapshot" >&2
    stop
    echo "{\"scale\": $scale, \"kind\": \"warm\", \"row\": $(cat "$work/row.json")}" >> "$results"
  done

  start "$sources" "$snap" "$xmx" "$work/load.log"
  base="http://127.0.0.1:$port"
  cat > "$work/search.txt" <<'PATHS'
/api/search?q=T1059
/api/search?q=t1003.001
/api/search?q=eventName%3DJobCreated
/api/search?q=Image%3D*%5Cpowershell.exe
/api/search?q=CommandLine%3D*-enc*
/api/search?q=mimikatz
/api/search?q=%22shadow+copy%22
/api/search?q=platform%3ASigma+tactic%3Aexfiltration
/api/search?q=modified%3A%3E%3D2025-01-01+status%3Aproduction
/api/search?q=T1059+-platform%3ASigma
/api/search?q=lsass+OR+procdump
/api/search?q=source%3Aescu+severity%3Ahigh&sort=date
PATHS
  : > "$work/rules.txt"
  for q in platform:Sigma platform:Splunk; do
    curl -sf "$base/api/search?q=$q&size=100&sort=title" | python3 -c "
import json, sys
for h in json.load(sys.stdin)['hits']:
    print(h['permalink'])" >> "$work/rules.txt"
  done
  printf '/attack\n/attack?q=platform%%3ASigma\n/attack?q=source%%3Aescu\n' > "$work/matrix.txt"
  for mix in search rules matrix; do
    THREADS=2 PATHS="$work/$mix.txt" wrk -t2 -c"$connections" -d10s -s bench/paths.lua "$base" > /dev/null
    out=$(THREADS=2 PATHS="$work/$mix.txt" wrk -t2 -c"$connections" -d"$duration" -s bench/paths.lua --timeout 10s "$base" | grep '^RESULT')
    echo "{\"scale\": $scale, \"kind\": \"load\", \"mix\": \"$mix\", \"result\": \"$out\"}" >> "$results"
  done
  stop
done

python3 - "$results" "$runs" "$duration" "$connections" "$jvm_opts" <<'PY'
import json, os, statistics, subprocess, sys, datetime
rows = [json.loads(l) for l in open(sys.argv[1])]
runs, duration, connections, jvm = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
scales = sorted({r["scale"] for r in rows})
def med(scale, kind, key):
    vals = [r["row"][key] for r in rows if r["scale"] == scale and r["kind"] == kind and key in r["row"]]
    return statistics.median(vals) if vals else None
def load(scale, mix):
    for r in rows:
        if r["scale"] == scale and r["kind"] == "load" and r["mix"] == mix:
            _, requests, errors, rps, p50, p90, p99, mx = r["result"].split()[:8]
            return {"rps": float(rps), "p50": float(p50), "p90": float(p90), "p99": float(p99), "errors": int(errors)}
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print(f"\nRulescope benchmark, {datetime.date.today()}: {os.cpu_count()} cores, {mem:.0f} GiB, {java}; JVM options: {jvm or '(defaults)'}")
print(f"start-up figures are medians of {runs} runs; load: wrk, {connections} connections, {duration} per mix after a 10 s warm-up\n")
header = "| figure | " + " | ".join(f"{s}x" for s in scales) + " |"
print(header)
print("|---|" + "---|" * len(scales))
def line(label, values):
    print(f"| {label} | " + " | ".join(values) + " |")
def fmt(v, unit=""):
    return "-" if v is None else (f"{v:,.0f}{unit}" if isinstance(v, (int, float)) else str(v))
line("files / rules / errors", [f"{fmt(med(s,'cold','files'))} / {fmt(med(s,'cold','rules'))} / {fmt(med(s,'cold','errors'))}" for s in scales])
line("cold: java -jar to ready (ms)", [fmt(med(s, "cold", "ready")) for s in scales])
line("cold: Spring context up (ms)", [fmt(med(s, "cold", "context")) for s in scales])
line("cold: ingest total (ms)", [fmt(med(s, "cold", "ingest")) for s in scales])
phases = []
for r in rows:
    if r["kind"] == "cold":
        phases += [k for k in r["row"] if k.startswith("phase ") and k not in phases]
for p in phases:
    line(f"cold: {p} (ms)", [fmt(med(s, "cold", p)) for s in scales])
line("heap after ingest + full GC (MB)", [fmt(med(s, "cold", "heap")) for s in scales])
line("peak RSS (MB)", [fmt(med(s, "cold", "rss")) for s in scales])
line("restart over a snapshot: java -jar to ready (ms)", [fmt(med(s, "warm", "ready")) for s in scales])
line("restart: snapshot restore / compact (ms)", [f"{fmt(med(s,'warm','phase snapshot restore'))} / {fmt(med(s,'warm','phase compact'))}" for s in scales])
line("restart / cold ready", [("-" if not med(s,"cold","ready") else f"{med(s,'warm','ready') / med(s,'cold','ready'):.0%}") for s in scales])
for mix, label in (("search", "/api/search"), ("rules", "rule pages"), ("matrix", "ATT&CK matrix")):
    res = [load(s, mix) for s in scales]
    line(f"{label}: req/s", [fmt(r and r["rps"]) for r in res])
    line(f"{label}: p50 / p90 / p99 (ms)", ["-" if not r else f"{r['p50']:.1f} / {r['p90']:.1f} / {r['p99']:.1f}" for r in res])
    line(f"{label}: errors", [fmt(r and r["errors"]) for r in res])
PY
