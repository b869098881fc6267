#!/usr/bin/env bash
# The long fault run (see FaultMain): two application nodes on one PostgreSQL database, one killed with SIGKILL every
# --kill-every seconds and started again, an optional Jira 429 storm; prints and writes src/bench/results/<label>.json
# with requests lost, duplicated, incidents, accept-to-done times, LLM calls per request and Jira calls made while
# Jira had told a caller to wait.
#
#   src/bench/fault.sh [--n=300] [--rate=120] [--kill-every=45] [--latency=fixed:3000]
#                      [--storm-at=60] [--storm-seconds=60] [--storm-retry-after=20] [--label=fault]
#
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; PostgreSQL at 127.0.0.1:5432, user postgres, trust auth;
# the nodes listen on 18080 and 18081 (--port to change).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q ${MAVEN_OFFLINE--o} -Pbench -DskipTests package
fi
jar=$(ls target/bench/ticketsmith-*.jar | grep -v '\.original$' | head -1)

exec java -Xmx256m -Dloader.main=io.ticketsmith.bench.driver.FaultMain -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher --jar="$jar" "$@"
