#!/usr/bin/env bash
# One command for the service's throughput and PostgreSQL's own ceiling on the same machine, same clients.
# Runs the load generator against an already running service, then pgbench (TPC-B-like) on a scratch database,
# and prints both with their ratio.
# Usage: bench/load/run.sh [CLIENTS=16] [SECONDS=60] [URL=http://localhost:8080/graphql] [DB=postgresql://postgres@127.0.0.1:5432/oms_dev]
set -euo pipefail
clients=${1:-16}
seconds=${2:-60}
url=${3:-http://localhost:8080/graphql}
db=${4:-postgresql://postgres@127.0.0.1:5432/oms_dev}
root=$(cd "$(dirname "$0")/../.." && pwd)
pghost=${PGHOST:-127.0.0.1}
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)

cd "$root"
log=$(mktemp)
java bench/load/LoadGenerator.java --url "$url" --clients "$clients" --duration "$seconds" --warmup "${WARMUP:-30}" \
  --db "$db" | tee "$log"
routed=$(sed -n 's/^RESULT .*routed_per_s=\([0-9.]*\).*/\1/p' "$log")
rm -f "$log"

echo
echo "pgbench: TPC-B-like, scale 10, $clients clients, $seconds s, prepared statements"
dropdb -h "$pghost" -U postgres --if-exists pgbench_ceiling
createdb -h "$pghost" -U postgres pgbench_ceiling
"$pgbench" -h "$pghost" -U postgres -i -s 10 -q pgbench_ceiling >/dev/null 2>&1
tps=$("$pgbench" -h "$pghost" -U postgres -c "$clients" -j 2 -T "$seconds" -M prepared pgbench_ceiling 2>/dev/null \
  | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
dropdb -h "$pghost" -U postgres pgbench_ceiling
echo "pgbench tps: $tps"
# One routed order costs the service at least three write transactions (placeOrder, confirmPayment, routing)
# and a few reads (the polls); a pgbench TPC-B transaction is five statements.
awk -v r="$routed" -v t="$tps" 'BEGIN { printf "routed orders/s: %s; PostgreSQL TPC-B tps: %s; ratio %.3f (x3 write transactions per order: %.3f of the ceiling)\n", r, t, r / t, 3 * r / t }'
