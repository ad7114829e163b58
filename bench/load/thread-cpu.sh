#!/usr/bin/env bash
# CPU of a process's threads, summed by thread name without its trailing number, in milliseconds since the
# thread started: one line "name<TAB>ms" per group. Two snapshots around a measurement window give where the
# service's CPU went in it (docs/BENCHMARKS.md, "Eighth session": the JIT compiler threads against the event loops
# and the routing lane):
#   bench/load/thread-cpu.sh "$PID" > before.tsv; sleep 40; bench/load/thread-cpu.sh "$PID" > after.tsv
#   join -t $'\t' <(sort before.tsv) <(sort after.tsv) | awk -F'\t' '{print $3 - $2 "\t" $1}' | sort -rn
set -euo pipefail
pid=${1:?usage: thread-cpu.sh PID}
tick_ms=$((1000 / $(getconf CLK_TCK)))
for task in /proc/"$pid"/task/*; do
  name=$(sed 's/[0-9-]*$//' "$task/comm" 2>/dev/null) || continue
  # Fields after the command's closing parenthesis: state is the first, utime the 12th, stime the 13th.
  stat=$(sed 's/^.*) //' "$task/stat" 2>/dev/null) || continue
  read -r -a f <<<"$stat"
  printf '%s\t%s\n' "$name" $(((f[11] + f[12]) * tick_ms))
done | awk -F'\t' '{ms[$1] += $2} END {for (n in ms) print n "\t" ms[n]}'
