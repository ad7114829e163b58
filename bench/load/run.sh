#!/usr/bin/env bash
# One command for the service's throughput and cost and PostgreSQL's own ceiling on the same machine: the load
# generator against an already running service (its options passed through), then pgbench (TPC-B-like) on a
# scratch database with as many clients, and both figures side by side.
# Usage: bench/load/run.sh [generator options]      e.g. --clients 32 --duration 60 --url ... --db ...
#        bench/load/run.sh CLIENTS [SECONDS] [URL] [DB]   (the earlier positional form)
# Defaults added when not given: --url http://localhost:8080/graphql, --db postgresql://postgres@127.0.0.1:5432/oms_dev,
# --warmup $WARMUP (30). pgbench: $PGBENCH_CLIENTS (the generator's --clients, 16 in open loop) for $PGBENCH_SECONDS
# (30), scale $PGBENCH_SCALE (10).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -gt 0 ] && [[ $1 != --* ]]; then
  set -- --clients "$1" --duration "${2:-60}" --url "${3:-http://localhost:8080/graphql}" \
    --db "${4:-postgresql://postgres@127.0.0.1:5432/oms_dev}"
fi
args=("$@")
opt() { # opt NAME: the value of --NAME among the generator's options, empty when absent
  local i
  for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    if [ "${args[i]}" = "--$1" ]; then echo "${args[i + 1]}"; return; fi
  done
}
[ -n "$(opt url)" ] || args+=(--url http://localhost:8080/graphql)
[ -n "$(opt db)" ] || args+=(--db postgresql://postgres@127.0.0.1:5432/oms_dev)
[ -n "$(opt warmup)" ] || args+=(--warmup "${WARMUP:-30}")
clients=${PGBENCH_CLIENTS:-$(opt clients)}
clients=${clients:-16}
seconds=${PGBENCH_SECONDS:-30}
scale=${PGBENCH_SCALE:-10}
pghost=${PGHOST:-127.0.0.1}
pgbench=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2>/dev/null | sort -V | tail -n 1)

log=$(mktemp)
trap 'rm -f "$log"' EXIT
"$root/bench/load/loadgen.sh" "${args[@]}" | tee "$log"
result=$(grep '^RESULT ' "$log" || true)
routed=$(sed -n 's/^RESULT .*routed_per_s=\([0-9.]*\).*/\1/p' <<<"$result")

echo
echo "pgbench: TPC-B-like, scale $scale, $clients clients, $seconds s, prepared statements (scratch database pgbench_ceiling)"
dropdb -h "$pghost" -U postgres --if-exists pgbench_ceiling
createdb -h "$pghost" -U postgres pgbench_ceiling
"$pgbench" -h "$pghost" -U postgres -i -s "$scale" -q pgbench_ceiling >/dev/null 2>&1
tps=$("$pgbench" -h "$pghost" -U postgres -c "$clients" -j 2 -T "$seconds" -M prepared pgbench_ceiling 2>/dev/null \
  | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
dropdb -h "$pghost" -U postgres pgbench_ceiling
echo "pgbench tps: ${tps:-none}"
echo
echo "summary (same run):"
echo "  generator: ${result:-no RESULT line}"
echo "  PostgreSQL TPC-B: pgbench_clients=$clients tps=${tps:-none}"
if [ -n "$routed" ] && [ -n "$tps" ]; then
  # A routed order costs the service at least three write transactions (placeOrder, confirmPayment, routing);
  # a pgbench TPC-B transaction is five statements.
  awk -v r="$routed" -v t="$tps" 'BEGIN { printf "  routed orders/s %s per TPC-B tps %s: ratio %.3f (x3 write transactions per order: %.3f of the ceiling)\n", r, t, r / t, 3 * r / t }'
fi
