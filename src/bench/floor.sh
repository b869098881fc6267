#!/usr/bin/env bash
# The process engine alone (see EngineFloor): a process of the request's shape, one request at a time on an idle
# machine, to show what the engine and PostgreSQL need per request before the product does anything; writes
# src/bench/results/<label>.json.
#
#   src/bench/floor.sh [--n=2000] [--warmup=3000] [--history=full] [--variables=0] [--intake-job=true]
#                      [--label=engine-floor]
#
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; PostgreSQL at 127.0.0.1:5432, user postgres, trust auth
# (--pg-host, --pg-port, --pg-user, --db to change; the database is dropped and recreated).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q ${MAVEN_OFFLINE--o} -Pbench -DskipTests package
fi
jar=$(ls target/bench/ticketsmith-*.jar | grep -v '\.original$' | head -1)

exec java -Xmx512m -Dloader.main=io.ticketsmith.bench.driver.EngineFloor -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$@"
