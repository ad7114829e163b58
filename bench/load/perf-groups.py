#!/usr/bin/env python3
"""PostgreSQL's CPU samples grouped by what the functions do, from a whole-machine perf profile.

Usage (during a load run; see docs/BENCHMARKS.md, "Ninth session"):
    perf record -a -F 999 -o /tmp/perf.data -- sleep 30
    perf report -i /tmp/perf.data --comm postgres --sort dso,symbol --stdio | python3 bench/load/perf-groups.py

The grouping goes by symbol names and is rough: Debian's postgres binary is stripped of its static functions, which
perf shows as addresses. Each symbol counts in the first group whose pattern it matches.
"""
import collections
import re
import sys

GROUPS = [
    ("kernel (system calls, TCP, scheduling)", lambda dso, sym: dso.startswith("[kernel")),
    ("memory (palloc, AllocSet, malloc, MemoryContext)",
     lambda dso, sym: re.search(r"AllocSet|palloc|pfree|malloc|_int_free|^free$|MemoryContext|cfree|repalloc", sym)),
    ("parse and analyse (raw parser, node copy/read, transform)",
     lambda dso, sym: re.search(r"yy|parse|Node|pg_strtok|transform|copyObject|expression_tree|raw_|scanner|exprType"
                                r"|exprTypmod|equal", sym)),
    ("plan (planner, plan cache)",
     lambda dso, sym: re.search(r"plan|Plan|cost_|path|Path|make_|create_|set_rel|query_", sym)),
    ("catalog and hash lookups (syscache, relcache, hash tables)",
     lambda dso, sym: re.search(r"hash_|Cache|cache|Relation|relation_|SearchSys|get_|hash_bytes|Catalog", sym)),
    ("locks and snapshots", lambda dso, sym: re.search(r"Lock|LWLock|Snapshot|ProcArray|TransactionId|Xid", sym)),
    ("index and heap access",
     lambda dso, sym: re.search(r"^_bt|heap_|index_|Index|Heap|btree|Buffer|PageAdd|Page", sym)),
    ("executor (start-up, expression evaluation, end)",
     lambda dso, sym: re.search(r"Exec|ExecInit|ExprEval|slot|tts_|Eval", sym)),
    ("WAL and commit", lambda dso, sym: re.search(r"XLog|Commit|xact|Xact|WAL|Wal", sym)),
    ("protocol and strings (pq, libc strings and copies)",
     lambda dso, sym: re.search(r"pq_|mem|str|Str|printf|escape|text|Datum|int4|uuid|numeric|timestamp|json", sym)),
    ("notify (LISTEN/NOTIFY)", lambda dso, sym: re.search(r"Notify|notify|asyncQueue|Async_", sym)),
]

shares = collections.Counter()
total = 0.0
for line in sys.stdin:
    match = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[(.)\]\s+(\S+)", line)
    if not match:
        continue
    share, dso, symbol = float(match.group(1)), match.group(2), match.group(4)
    total += share
    for name, matches in GROUPS:
        if matches(dso, symbol):
            shares[name] += share
            break
    else:
        shares["unnamed static functions" if symbol.startswith("0x") else "other named functions"] += share
if total == 0:
    sys.exit("no samples read: pipe in `perf report --comm postgres --sort dso,symbol --stdio`")
print(f"{total:.1f}% of the machine's samples")
for name, share in shares.most_common():
    print(f"{share / total * 100:5.1f}%  {name}")
