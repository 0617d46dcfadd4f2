#!/usr/bin/env bash
# JMH microbenchmarks of the hot pure functions (src/test/java/io/rulescope/bench/CatalogBenchmark.java): SPL parse +
# analysis per query, Sigma analysis per rule, one uncached search per operation, over the shared corpus.
#   bench/jmh.sh                 # all three, 1 fork, 3 x 2 s warm-up, 5 x 2 s measured
#   bench/jmh.sh -f 3 sigma      # any JMH options; a pattern picks benchmarks
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "${@:-CatalogBenchmark}"
