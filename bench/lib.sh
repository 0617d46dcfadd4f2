# Shared by the benchmark scripts (sourced, not run): a scratch folder that is removed with the app on exit, the jar,
# wrk, and waiting for readiness. Callers set $pid to the app they start.

# A scratch folder in $work; the app in $pid is stopped and the folder removed when the script exits.
bench_workspace() {
  work=$(mktemp -d)
  pid=""
  trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; fi; rm -rf "$work"' EXIT
}

# Builds the jar (tests skipped) and sets $jar.
bench_build() {
  ./mvnw -B -q package -DskipTests > "$work/build.log" 2>&1 || { tail -n 40 "$work/build.log"; exit 1; }
  jar=$(ls target/rulescope-*.jar | head -n 1)
}

# wrk from Debian's packages, installed when missing.
bench_wrk() {
  if ! command -v wrk > /dev/null; then
    echo "installing wrk (Debian package)"
    apt-get install -y -qq wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
  fi
}

# bench_await_ready PORT LOG: waits until the app in $pid is ready (or exits, printing LOG's end); sets $ready_ms from
# $started (nanoseconds, set by the caller just before starting the app).
bench_await_ready() {
  until curl -sf "http://127.0.0.1:$1/actuator/health/readiness" > /dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "rulescope exited; log:" >&2; tail -n 40 "$2" >&2; exit 1; }
    sleep 0.05
  done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# bench_await_settled PORT LOG [RULE_PATH]: after ready, waits (up to 120 s) for the work a start does once the catalog
# serves: the file texts compacted, the matcher compiled, the index merged (IngestService logs "after serving"), and,
# given a rule page to open, every rule's view built. Measuring under that work measures the first seconds after a
# start, not the traffic of a server that has been up. Sets $settled_ms from $started.
bench_await_settled() {
  local deadline=$(( $(date +%s) + 120 ))
  until grep -q "Ingest r1: after serving" "$2"; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "the catalog did not settle in 120 s" >&2; break; }
    sleep 0.2
  done
  if [ -n "${3:-}" ]; then
    curl -sf -o /dev/null "http://127.0.0.1:$1$3" || true
    until grep -q "Built the views of" "$2"; do
      [ "$(date +%s)" -lt "$deadline" ] || { echo "the rule views were not built in 120 s" >&2; break; }
      sleep 0.2
    done
  fi
  settled_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
