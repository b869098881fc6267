#!/usr/bin/env bash
# How long a what-if replay of the guardrails takes over 10,000 recorded requests, and its peak heap (see
# ReplayBench): builds the history in an engine on an H2 file under target/, replays it, writes src/bench/results/replay-10k.md.
#
#   src/bench/replay.sh [--requests=10000]
#
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; MAVEN_OFFLINE= (set, empty) builds online.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q ${MAVEN_OFFLINE--o} -Pbench -DskipTests package
fi
jar=$(ls target/bench/ticketsmith-*.jar | grep -v '\.original$' | head -1)

exec java -Xmx512m -Dloader.main=io.ticketsmith.bench.driver.ReplayBench -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher --jar="$jar" "$@"
