#!/usr/bin/env bash
# Load benchmark: starts the jar on the shared corpus and drives it with wrk on loopback, one run per request mix
# (search API, rule pages, ATT&CK matrix), and prints requests/s and p50/p90/p99 latency per mix.
#   bench/load.sh                    # 32 connections, 30 s per mix
#   CONNECTIONS=32 DURATION=60s bench/load.sh
#   EXTRA_ARGS=--rulescope.page-cache.enabled=false bench/load.sh   # measure rendering without the page cache
set -euo pipefail
cd "$(dirname "$0")/.."

connections=${CONNECTIONS:-32}
duration=${DURATION:-30s}
port=${PORT:-18081}
sources=${SOURCES:-../shared/corpus/escu,../shared/corpus/sigma}

if ! command -v wrk > /dev/null; then
  echo "installing wrk (Debian package)"
  apt-get install -y -qq wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
fi
jar=$(ls target/rulescope-*.jar 2>/dev/null | head -n 1 || true)
if [ -z "$jar" ]; then
  ./mvnw -B -q package -DskipTests
  jar=$(ls target/rulescope-*.jar | head -n 1)
fi

work=$(mktemp -d)
java -Xmx512m ${JAVA_OPTS:-} -jar "$jar" --server.port="$port" --rulescope.sources="$sources" ${EXTRA_ARGS:-} > "$work/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/actuator/health/readiness" > /dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { tail -n 30 "$work/app.log"; exit 1; }
  sleep 0.1
done

# A realistic mix of searches: technique ids, field values, free text, filters, dates, booleans.
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
# Rule pages: a spread of real rules from both sources.
for q in platform:Sigma platform:Splunk; do
  curl -sf "http://127.0.0.1:$port/api/search?q=$q&size=100&sort=title" | python3 -c "
import json, sys
for h in json.load(sys.stdin)['hits']:
    print(h['permalink'])" >> "$work/rules.txt"
done
printf '/attack\n/attack?q=platform%%3ASigma\n/attack?q=source%%3Aescu\n' > "$work/matrix.txt"

printf 'Rulescope load benchmark: %s connections, %s per mix, loopback; %s cores, JDK %s; %s\n' "$connections" "$duration" \
  "$(nproc)" "$(java -version 2>&1 | head -n 1 | cut -d'"' -f2)" "$(date -u +%Y-%m-%d)"
printf '| %-12s | %9s | %8s | %8s | %8s | %8s | %6s |\n' mix "req/s" "p50 ms" "p90 ms" "p99 ms" "max ms" errors
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "--------------" "-----------" "----------" "----------" "----------" "----------" "--------"
for mix in search rules matrix; do
  # Warm the JIT on this mix first, so the figures describe a running service rather than start-up.
  PATHS="$work/$mix.txt" wrk -t2 -c"$connections" -d10s -s bench/paths.lua "http://127.0.0.1:$port" > /dev/null
  line=$(PATHS="$work/$mix.txt" wrk -t2 -c"$connections" -d"$duration" -s bench/paths.lua --timeout 10s "http://127.0.0.1:$port" | grep '^RESULT')
  read -r _ requests errors rps p50 p90 p99 max <<< "$line"
  printf '| %-12s | %9s | %8s | %8s | %8s | %8s | %6s |\n' "$mix" "$rps" "$p50" "$p90" "$p99" "$max" "$errors"
done
