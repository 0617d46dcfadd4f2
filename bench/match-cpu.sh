#!/usr/bin/env bash
# CPU time per event of the matcher's streaming path over the shared corpus and SigmaHQ's regression events
# (src/test/java/io/rulescope/bench/MatchCpu.java): the first rounds warm the JIT up; read the last ones.
#   bench/match-cpu.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java ${JAVA_OPTS:-} -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rulescope.bench.MatchCpu "$@" 2>&1 \
  | grep -v -E '^[0-9]{2}:[0-9]{2}|INFO|WARN'
