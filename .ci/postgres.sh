#!/usr/bin/env bash
# Sourced by .ci/run: installs and starts Debian's PostgreSQL and exports the URL under which the user-data repository
# tests run a second time, against a real server (without it they run on H2 alone and say that they skipped).
start_postgres() {
  if ! command -v pg_ctlcluster > /dev/null; then
    if command -v apt-get > /dev/null && [ "$(id -u)" = 0 ]; then
      echo "installing postgresql for the repository tests"
      export DEBIAN_FRONTEND=noninteractive
      { apt-get update -qq > /dev/null && apt-get install -y -qq postgresql > /dev/null; } \
        || { echo "WARNING: could not install postgresql; the PostgreSQL repository tests will report themselves skipped"; return 0; }
    else
      echo "WARNING: cannot install packages here; the PostgreSQL repository tests will report themselves skipped"
      return 0
    fi
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster "$version" main start 2> /dev/null || true
  for _ in $(seq 1 30); do
    su postgres -c "pg_isready -q" && break
    sleep 1
  done
  PGOPTIONS='--client-min-messages=warning' su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL' || { echo "WARNING: PostgreSQL did not start"; return 0; }
drop database if exists rulescope_test;
drop role if exists rulescope_test;
create role rulescope_test login password 'rulescope_test';
create database rulescope_test owner rulescope_test;
SQL
  export RULESCOPE_TEST_POSTGRES_URL=jdbc:postgresql://localhost:5432/rulescope_test
  export RULESCOPE_TEST_POSTGRES_USER=rulescope_test
  export RULESCOPE_TEST_POSTGRES_PASSWORD=rulescope_test
  echo "PostgreSQL $version is up for the repository tests: $RULESCOPE_TEST_POSTGRES_URL"
}
