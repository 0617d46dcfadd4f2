#!/usr/bin/env bash
# Ingest benchmark: starts the jar on the shared corpus (or the directories given) and prints time to ready,
# time per ingest phase, heap after ingest and a full GC, and peak RSS. Runs N times (RUNS, default 3) and
# prints the median of each figure.
#   bench/ingest.sh                         # ../shared/corpus/escu + ../shared/corpus/sigma
#   RUNS=5 bench/ingest.sh /path/a /path/b  # other sources
#   SCALE=10 XMX=2g bench/ingest.sh         # the shared corpus copied ten times with fresh ids (about 57,500 rules)
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
port=${PORT:-18080}
xmx=${XMX:-512m}
if [ $# -gt 0 ]; then sources=$(IFS=,; echo "$*"); else sources="../shared/corpus/escu,../shared/corpus/sigma"; fi
if [ "${SCALE:-1}" -gt 1 ]; then
  scaled=$(mktemp -d)
  trap 'rm -rf "$scaled"' EXIT
  python3 bench/scale_corpus.py "$SCALE" "$scaled" ${sources//,/ }
  sources=$(ls -d "$scaled"/* | paste -sd, -)
  echo "generated a ${SCALE}x corpus: $(find "$scaled" -name '*.yml' | wc -l) files"
fi
for dir in ${sources//,/ }; do
  [ -d "$dir" ] || { echo "source directory $dir does not exist (the shared corpus must sit beside the project)"; exit 2; }
done

jar=$(ls target/rulescope-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q package -DskipTests
  jar=$(ls target/rulescope-*.jar | head -n 1)
fi

results=$(mktemp)
trap 'rm -f "$results"; rm -rf "${scaled:-}"' EXIT
for run in $(seq 1 "$runs"); do
  log=$(mktemp)
  start=$(date +%s%N)
  java -Xmx"$xmx" -jar "$jar" --server.port="$port" --rulescope.sources="$sources" > "$log" 2>&1 &
  pid=$!
  ready=""
  for _ in $(seq 1 600); do
    if curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1; then ready=$(date +%s%N); break; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "rulescope exited; log:"; tail -n 40 "$log"; exit 1; fi
    sleep 0.1
  done
  [ -n "$ready" ] || { echo "not ready after 60 s"; kill "$pid"; exit 1; }
  context_ms=$(grep -oE 'Started RulescopeApplication in [0-9.]+ seconds' "$log" | grep -oE '[0-9.]+' | awk '{printf "%d", $1*1000}')
  report=$(curl -sf "http://127.0.0.1:$port/api/ingest")
  jcmd "$pid" GC.run > /dev/null
  heap_kb=$(jcmd "$pid" GC.heap_info | grep -oE 'used [0-9]+K' | head -n 1 | grep -oE '[0-9]+')
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  python3 - "$report" "$(( (ready - start) / 1000000 ))" "$context_ms" "$heap_kb" "$rss_kb" >> "$results" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); p = r["phaseMillis"]; t = r["totals"]
row = {"files": t["files"], "rules": t["rules"], "errors": t["errors"], "ready_ms": int(sys.argv[2]),
       "context_ms": int(sys.argv[3] or 0), "ingest_ms": t["totalMillis"], "heap_mb": int(sys.argv[4]) // 1024,
       "rss_mb": int(sys.argv[5]) // 1024}
row.update({"phase_" + k: v for k, v in p.items()})
print(json.dumps(row))
PY
  rm -f "$log"
done

python3 - "$results" "$runs" "$xmx" <<'PY'
import json, statistics, sys, platform, os, subprocess
rows = [json.loads(l) for l in open(sys.argv[1])]
keys = list(rows[0].keys())
med = {k: statistics.median(r[k] for r in rows) for k in keys}
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
print(f"Rulescope ingest benchmark: median of {sys.argv[2]} runs, -Xmx{sys.argv[3]}; {os.cpu_count()} cores, {mem:.0f} GiB, {java}")
print(f"| {'figure':<28} | {'value':>10} |")
print(f"|{'-'*30}|{'-'*12}|")
labels = {"files": "files", "rules": "rules", "errors": "errors", "ready_ms": "java -jar to ready (ms)",
          "context_ms": "Spring context up (ms)", "ingest_ms": "ingest total (ms)", "heap_mb": "heap after ingest+GC (MB)",
          "rss_mb": "peak RSS (MB)"}
for k in keys:
    label = labels.get(k, k.replace("phase_", "phase: ") + " (ms)")
    print(f"| {label:<28} | {med[k]:>10g} |")
PY
