#!/usr/bin/env bash
# Sigma conversion over the shared corpus (src/test/java/io/rulescope/bench/ConvertBench.java): every Sigma rule
# converted for a target and written as each file its SIEM imports, per round; the first rounds warm the JIT up.
# The targets to meet, ≤ 1 ms per rule converted and ≤ 5 s per whole-corpus export, are read from the last rounds.
#   bench/convert.sh [ROUNDS] [TARGET...]      e.g. bench/convert.sh 5 splunk-cim kusto-xdr esql-ecs
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java ${JAVA_OPTS:-} -Xmx1g -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" io.rulescope.bench.ConvertBench "$@" 2>&1 \
  | grep -v -E '^[0-9]{2}:[0-9]{2}|INFO|WARN'
