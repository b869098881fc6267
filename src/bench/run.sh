#!/usr/bin/env bash
# The benchmark of the request pipeline: builds the application with the bench-only probe (Maven profile "bench",
# into target/bench), then runs the driver, which starts a stub LLM and a stub Jira, recreates the PostgreSQL
# database, starts the application, sends the requests, completes the reviews and writes the report to
# src/bench/results/<label>.md and .json.
#
#   src/bench/run.sh [--n=1000] [--rate=400] [--arrival=fixed|poisson] [--auto-share=0.8]
#                    [--latency=fixed:3000|uniform:2000-5000] [--concurrency=16] [--mode=external|baseline]
#                    [--jira-latency=100] [--review-delay=0] [--label=run] [--app-arg=--some.property=value ...]
#                    [--near-duplicates=0] [--near-duplicate-min-age=20] [--autovacuum=emulate|off]
#                    [--checkpoint-at-start=false]
#
# --checkpoint-at-start=true runs a CHECKPOINT just before the measured requests, so that they start a checkpoint
# cycle as on a server that has run for a while (every page's next change goes to the WAL in full); the report gives
# the WAL's full-page images and flushes and the checkpoints during the run, and a 10 s timeline of them in the JSON.
#
# --autovacuum=emulate (the default) vacuums the bench database as PostgreSQL's autovacuum would with its default
# settings when the server has autovacuum off; --autovacuum=off leaves the dead rows, which then count as growth.
#
# --near-duplicates=0.2 sends distinct, templated tickets of which that share are near-duplicates (a greeting, "Thanks",
# "again", punctuation, a typo) of one the stub LLM answered at least --near-duplicate-min-age seconds before, with the
# analysis cache on, and reports LLM calls made and saved and false hits. At 0 (the default) every request has the same text but for
# its bench id and the cache is off, as in the runs before.
#
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; MAVEN_OFFLINE= (set, empty) builds online, the default
# is mvn -o; PostgreSQL is expected at 127.0.0.1:5432 with trust
# authentication for user postgres (--pg-host, --pg-port, --pg-user, --db to change).
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q ${MAVEN_OFFLINE--o} -Pbench -DskipTests package
fi
jar=$(ls target/bench/ticketsmith-*.jar | grep -v '\.original$' | head -1)

exec java -Xmx512m -Dloader.main=io.ticketsmith.bench.driver.BenchMain -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher --jar="$jar" "$@"
