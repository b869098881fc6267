#!/usr/bin/env bash
# Evaluates the analysis over the labelled set with the configured provider and writes the report to
# target/evaluation/analysis-evaluation.json and .md (README, Measuring the analysis). The application starts with
# the demo profile on a database of its own under target/evaluation, analyses every ticket (redacted first), writes
# the report and exits: 0 when written, 1 when refused (estimated cost beyond --max-cost-usd) or failed.
#
#   TICKETSMITH_LLM_PROVIDER=openai OPENAI_API_KEY=... src/bench/evaluate.sh [--max-cost-usd=0.50]
#       [--prompt-version=analyze-request/v3] [--limit=50] [--set=src/test/resources/evaluation/tickets.jsonl]
set -euo pipefail
cd "$(dirname "$0")/../.."

max_cost=0.50
set_file=src/test/resources/evaluation/tickets.jsonl
extra=()
for arg in "$@"; do
  case "$arg" in
    --max-cost-usd=*) max_cost="${arg#*=}" ;;
    --set=*) set_file="${arg#*=}" ;;
    --prompt-version=*) extra+=("--ticketsmith.evaluation.prompt-version=${arg#*=}") ;;
    --limit=*) extra+=("--ticketsmith.evaluation.limit=${arg#*=}") ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

export TICKETSMITH_DATA_DIR="${TICKETSMITH_DATA_DIR:-$PWD/target/evaluation/db}"
# The pending requests of a demo database are not this run's business: no worker, no model watching.
exec mvn -B -q spring-boot:run -Dspring-boot.run.arguments="--ticketsmith.evaluation.run=$set_file \
--ticketsmith.evaluation.max-cost-usd=$max_cost --ticketsmith.llm.worker=false --ticketsmith.models.watch=false \
--server.port=0 ${extra[*]:-}"
