#!/usr/bin/env python3
"""Sums PostgreSQL's statement log by statement: total time, count and longest, the largest first.

Usage: bench/pg-log-summary.py LOG [TOP=25]
LOG is the part of the server log written during a run with statements logged, e.g.
  psql -c "alter database oms_bench set log_min_duration_statement = 2"   # before the service connects
  L=/var/log/postgresql/postgresql-15-main.log; before=$(wc -l < $L); <the run>; tail -n +$before $L > run.log
Parse, bind and execute are counted apart (bind includes planning for the unnamed statements the service uses).
"""
import collections
import re
import sys

LINE = re.compile(r"duration: ([\d.]+) ms\s+(execute [^:]*|statement|parse [^:]*|bind [^:]*):\s*(.*)")


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    totals = collections.defaultdict(lambda: [0, 0.0, 0.0])
    with open(path, errors="replace") as log:
        for line in log:
            m = LINE.search(line)
            if not m:
                continue
            ms, kind, text = float(m.group(1)), m.group(2).split()[0], m.group(3)
            t = totals[kind + " " + re.sub(r"\s+", " ", text)[:100]]
            t[0] += 1
            t[1] += ms
            t[2] = max(t[2], ms)
    rows = sorted(totals.items(), key=lambda kv: -kv[1][1])
    print(f"{sum(v[1] for _, v in rows):.1f} ms in {sum(v[0] for _, v in rows)} logged statements")
    print(f"{'total ms':>10} {'count':>7} {'max ms':>8}  statement")
    for key, (n, total, longest) in rows[:top]:
        print(f"{total:10.1f} {n:7d} {longest:8.1f}  {key}")


if __name__ == "__main__":
    main()
