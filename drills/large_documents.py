#!/usr/bin/env python3
"""Floods a running service with distinct, large, VALID GraphQL documents from an anonymous caller.

Usage: large_documents.py URL COUNT SHAPE [THREADS]
SHAPE:
  alias     documents of about 900 KB (one long alias): over the document size limit, they must be refused
            with VALIDATION before anything is parsed or remembered;
  typename  documents just under the document size limit made of thousands of `__typename` fields (the
            largest syntax tree a small valid document can have): they pass, and whatever caches parsed
            documents must stay bounded.
Every document differs from all others (a counter in it), so no cache can answer it from an earlier one.
Prints the HTTP statuses and error codes; exits non-zero when any answer is a 5xx, has no HTTP answer, or an
error has no extensions.code. The heap is measured by the caller (drill 4).
"""
import collections, concurrent.futures, json, os, sys, urllib.error, urllib.request

URL, COUNT, SHAPE = sys.argv[1], int(sys.argv[2]), sys.argv[3]
THREADS = int(sys.argv[4]) if len(sys.argv) > 4 else 4
# The limit the service is configured with (bytes), so that "typename" documents land just below it.
LIMIT = int(os.environ.get("DOCUMENT_LIMIT", "65536"))


def document(i):
    if SHAPE == "alias":
        return "{ a%d%s: __typename }" % (i, "x" * 900_000)
    if SHAPE == "typename":
        head = "query Q%d { " % i
        field = "__typename "
        return head + field * ((LIMIT - len(head) - 2) // len(field)) + "}"
    raise SystemExit("unknown shape " + SHAPE)


def send(i):
    body = json.dumps({"query": document(i)}).encode()
    request = urllib.request.Request(URL, data=body, method="POST", headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # a reset or refused connection: no HTTP answer at all
        return 0, "%s: %s" % (type(e).__name__, e)


statuses, codes, failures = collections.Counter(), collections.Counter(), []
with concurrent.futures.ThreadPoolExecutor(THREADS) as pool:
    for status, text in pool.map(send, range(COUNT)):
        statuses[status] += 1
        try:
            errors = (json.loads(text).get("errors") or []) if text.strip().startswith("{") else []
        except ValueError:
            errors = []
        for error in errors:
            codes[(error.get("extensions") or {}).get("code", "<none>")] += 1
        if status == 0 or status >= 500:
            failures.append("HTTP %d: %s" % (status, text[:200]))
        elif any("code" not in (e.get("extensions") or {}) for e in errors):
            failures.append("an error without extensions.code: " + text[:200])

print("%s documents: HTTP statuses: %s; error codes: %s" % (
    SHAPE, ", ".join("%s %d" % kv for kv in sorted(statuses.items())),
    ", ".join("%s %d" % kv for kv in sorted(codes.items())) or "none"))
for failure in failures[:10]:
    print("  FAILED " + failure.replace("\n", " "))
print("%d of %d answered badly" % (len(failures), COUNT))
sys.exit(1 if failures else 0)
