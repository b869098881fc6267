#!/usr/bin/env bash
# Retrieval latency and memory of the knowledge index at 10,000 and 100,000 documents (see KnowledgeBench): recreates
# the PostgreSQL database ticketsmith_knowledge_bench, writes src/bench/results/<label>.md (knowledge-retrieval.md).
#
#   src/bench/knowledge.sh [--sizes=10000,100000] [--queries=300] [--db=ticketsmith_knowledge_bench]
#                          [--local-model=quantised|full] [--label=knowledge-retrieval]
#
# Environment: BENCH_SKIP_BUILD=1 reuses the last build; MAVEN_OFFLINE= (set, empty) builds online; PostgreSQL at
# 127.0.0.1:5432, user postgres, trust auth.
# KNOWLEDGE_BENCH_JVM_OPTS replaces the JVM options after -Xmx512m, by default --add-modules jdk.incubator.vector (the
# vectorised scan); set and empty, the scan is plain Java.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ "${BENCH_SKIP_BUILD:-0}" != "1" ]]; then
  mvn -B -q ${MAVEN_OFFLINE--o} -Pbench -DskipTests package
fi
jar=$(ls target/bench/ticketsmith-*.jar | grep -v '\.original$' | head -1)

exec java -Xmx512m ${KNOWLEDGE_BENCH_JVM_OPTS---add-modules jdk.incubator.vector} -Dloader.main=io.ticketsmith.bench.driver.KnowledgeBench -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher --jar="$jar" "$@"
