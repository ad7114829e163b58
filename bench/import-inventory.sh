#!/usr/bin/env bash
# Bulk inventory benchmark: one importInventory of N rows (default 5,000 new SKUs) at WH-EAST, then the same
# import again with every on-hand quantity changed; prints each call's time as the client saw it and checks the
# levels and the ledger in the database.
# Needs the service running (./mvnw quarkus:dev, or the jar as drills/lib.sh starts it) with the demo data, and psql.
# Usage: bench/import-inventory.sh [N] [URL] [DB]
set -euo pipefail
n=${1:-5000}
url=${2:-http://localhost:8080/graphql}
db=${3:-${OMS_PSQL_URL:-postgresql://postgres@localhost:5432/oms_dev}}
dir=$(cd "$(dirname "$0")/.." && pwd)
prefix="IMPORT-$(date +%s)"
location=00000000-0000-4000-8000-000000000001   # WH-EAST of the demo data
admin=$("$dir/dev-keys/token.sh" admin)
body=$(mktemp)
trap 'rm -f "$body"' EXIT

import() { # $1: on-hand quantity of every row, $2: idempotency key
  python3 - "$n" "$prefix" "$location" "$1" "$2" >"$body" <<'PY'
import json, sys
n, prefix, location, on_hand, key = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
levels = [{"sku": f"{prefix}-{i:05d}", "onHand": on_hand, "safetyStock": 1} for i in range(n)]
print(json.dumps({"query": "mutation($loc: ID!, $levels: [InventoryLevelInput!]!, $key: String) {"
                  " importInventory(locationId: $loc, levels: $levels, idempotencyKey: $key) { rows changed } }",
                  "variables": {"loc": location, "levels": levels, "key": key}}))
PY
  local start end out
  start=$(date +%s%3N)
  out=$(curl -s "$url" -H 'content-type: application/json' -H "Authorization: Bearer $admin" --data-binary @"$body")
  end=$(date +%s%3N)
  echo "importInventory of $n rows (onHand $1): $((end - start)) ms, answer: $out"
}

import 10 "$prefix-a"
import 7 "$prefix-b"
psql "$db" -Atc "select 'levels: ' || count(*) || ', on hand: ' || sum(on_hand) from inventory_levels where sku like '$prefix-%'"
psql "$db" -Atc "select 'ledger rows: ' || count(*) from inventory_movements where sku like '$prefix-%'"
