#!/usr/bin/env bash
# PostgreSQL's work per request, by statement kind and table: runs the benchmark (src/bench/run.sh, with the
# arguments given) with pg_stat_statements counting every statement, then writes
# src/bench/results/<label>-statements.md. Statements, shared-buffer hits and WAL per request are counts, not
# timings: two builds can be compared by one run each, whatever else the machine is doing.
#
#   src/bench/statements.sh --label=statements-head [any option of run.sh]
#
# Needs the pg_stat_statements module loaded by the server, which takes a restart, as PostgreSQL's superuser:
#   echo "shared_preload_libraries = 'pg_stat_statements'" > /etc/postgresql/15/main/conf.d/stat-statements.conf
#   pg_ctlcluster 15 main restart
# With planning counted as well (psql -c "ALTER SYSTEM SET pg_stat_statements.track_planning = on" -c "SELECT
# pg_reload_conf()"), the file also lists the statements that took the most planning time.
# The counts cover the whole run, warm-up included, and are divided by the requests the run submitted (the rows of
# ts_request). They include the driver's own statements (its progress poll, its vacuum), listed under their text.
# Environment as for run.sh; PGHOST (127.0.0.1), PGPORT (5432) and PGUSER (postgres) for psql.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

label=run
db=ticketsmith_bench
for arg in "$@"; do
  case "$arg" in
    --label=*) label="${arg#--label=}" ;;
    --db=*) db="${arg#--db=}" ;;
  esac
done

if ! psql -d postgres -XAtc "SHOW shared_preload_libraries" | grep -q pg_stat_statements; then
  echo "pg_stat_statements is not loaded by the server; see the head of $0" >&2
  exit 2
fi
psql -d postgres -XqAtc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null

src/bench/run.sh "$@"

requests=$(psql -d "$db" -XAtc "SELECT count(*) FROM ts_request")
out="src/bench/results/${label}-statements.md"
{
  echo "# PostgreSQL statements per request, by statement kind and table"
  echo
  echo "pg_stat_statements over the whole run \`${label}\` (warm-up and measured requests: ${requests}), per request ="
  echo "total / ${requests}. Columns: kind and table | statements | shared buffer hits (a proxy of PostgreSQL's CPU work) |"
  echo "WAL kB. Made by \`src/bench/statements.sh $*\`."
  echo
  echo "| kind and table | statements | buffer hits | WAL kB |"
  echo "|---|---|---|---|"
  psql -d postgres -XAt -F ' | ' -v db="$db" -v n="$requests" <<'SQL' | sed 's/^/| /; s/$/ |/'
WITH run AS (
  SELECT s.calls, s.shared_blks_hit, s.wal_bytes, lower(regexp_replace(s.query, '\s+', ' ', 'g')) AS q
  FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
  WHERE d.datname = :'db'
), kinds AS (
  SELECT CASE
           WHEN q LIKE 'select%' OR q LIKE 'with%' THEN 'select ' || coalesce(substring(q FROM 'from ([a-z_0-9.]+)'), 'other')
           WHEN q LIKE 'insert into%' THEN 'insert ' || substring(q FROM '^insert into ([a-z_0-9.]+)')
           WHEN q LIKE 'update%' THEN 'update ' || substring(q FROM '^update ([a-z_0-9.]+)')
           WHEN q LIKE 'delete from%' THEN 'delete ' || substring(q FROM '^delete from ([a-z_0-9.]+)')
           ELSE split_part(q, ' ', 1) || ' (other)'
         END AS kind, calls, shared_blks_hit, wal_bytes
  FROM run
), per_request AS (
  SELECT kind, sum(calls) / :n::numeric AS statements, sum(shared_blks_hit) / :n::numeric AS hits,
         sum(wal_bytes) / 1024.0 / :n AS wal
  FROM kinds GROUP BY kind
)
SELECT kind, statements, hits, wal FROM (
  SELECT 0 AS total, hits AS sort_hits, statements AS sort_statements, kind,
         to_char(statements, 'FM999990.00') AS statements, to_char(hits, 'FM9999990') AS hits,
         to_char(wal, 'FM99990.0') AS wal
  FROM per_request
  UNION ALL
  SELECT 1, 0, 0, '**all**', to_char(sum(statements), 'FM999990.0'), to_char(sum(hits), 'FM9999990'),
         to_char(sum(wal), 'FM99990.0')
  FROM per_request
) rows ORDER BY total, sort_hits DESC, sort_statements DESC;
SQL
  if [ "$(psql -d postgres -XAtc "SHOW pg_stat_statements.track_planning")" = on ]; then
    echo
    echo "## Planning"
    echo
    echo "With pg_stat_statements.track_planning on: the 25 statements that took the most planning time. A statement"
    echo "planned at about every execution gets a custom plan each time; the first executions on each connection are"
    echo "planned too, before the driver prepares the statement on the server (its fifth use)."
    echo
    echo "| statement (first 90 characters) | executions | plans | planning per plan, µs | planning per request, µs |"
    echo "|---|---|---|---|---|"
    psql -d postgres -XAt -F ' | ' -v db="$db" -v n="$requests" <<'SQL' | sed 's/^/| /; s/$/ |/'
SELECT replace(left(regexp_replace(s.query, '\s+', ' ', 'g'), 90), '|', '/'), s.calls, s.plans,
       round((s.total_plan_time / greatest(s.plans, 1) * 1000)::numeric, 1),
       round((s.total_plan_time * 1000 / :n)::numeric, 1)
FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
WHERE d.datname = :'db'
ORDER BY s.total_plan_time DESC LIMIT 25;
SQL
    echo
    psql -d postgres -XAt -v db="$db" <<'SQL'
SELECT 'All statements: ' || sum(plans) || ' plans for ' || sum(calls) || ' executions; planning '
       || round(sum(total_plan_time)::numeric) || ' ms, execution ' || round(sum(total_exec_time)::numeric) || ' ms.'
FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = :'db';
SQL
  fi
} > "$out"
echo "Statements per request: $out"
