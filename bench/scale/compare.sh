#!/usr/bin/env bash
# Puts two explain.sh outputs side by side: for each query of the first, its run-2 time and plan summary in both,
# and whether the plan is the same (the summary: top node and every table scan, costs stripped).
# Usage: bench/scale/compare.sh BEFORE.md AFTER.md [TITLE_BEFORE] [TITLE_AFTER]
# Typical use (issue #14): BEFORE from a seed that no ANALYZE has seen (SEED_ANALYZE=0 seed.sh), AFTER from the
# same database after `ANALYZE`.
set -euo pipefail
before=$1 after=$2 tb=${3:-before} ta=${4:-after}
rows() { awk -F' \\| ' '/^\| [^#-]/ && NF >= 7 { sub(/^\| /, "", $1); sub(/ \|$/, "", $7); print $1 "\t" $2 "\t" $5 "\t" $6 "\t" $7 }' "$1"; }
echo "| # | query | $tb ms | $ta ms | same plan | $tb plan | $ta plan (when it differs) |"
echo "|---|---|---:|---:|---|---|---|"
awk -F'\t' 'NR == FNR { ms[$1] = $3; plan[$1] = $4; ok[$1] = $5; next }
    ($1 in ms) {
        same = ($4 == plan[$1]) ? "yes" : "**no**"
        b = $4 ($5 ~ /NO/ ? " (" $5 ")" : "")
        a = ($4 == plan[$1]) ? "" : plan[$1] (ok[$1] ~ /NO/ ? " (" ok[$1] ")" : "")
        printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, ms[$1], same, b, a
    }' <(rows "$after") <(rows "$before")
