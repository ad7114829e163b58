#!/usr/bin/env python3
"""Sends malformed and hostile GraphQL requests to a running service and checks every answer.

Usage: hostile_requests.py URL COUNT TOKEN_SCRIPT
A request fails the drill when it gets a 5xx without the INTERNAL code, an error status other than 401 (a bad
token) without a GraphQL error body carrying extensions.code (API.md: an oversized body is 413 with a VALIDATION
error), or when its response shows a stack trace, a Java class, SQL or database internals that were not in the
request itself. The caller (drill 4)
checks separately that no row was written. Prints a summary and exits non-zero on any failure.
"""
import collections, concurrent.futures, json, random, re, subprocess, sys, urllib.error, urllib.request

URL, COUNT, TOKEN_SCRIPT = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(7)

def token(*args):
    return subprocess.run([TOKEN_SCRIPT, *args], capture_output=True, text=True, check=True).stdout.strip()

ADMIN, CUSTOMER, WAREHOUSE = token("admin"), token("customer", "hostile-1"), token("warehouse", "wh-x", "WH-EAST")
EXPIRED = token("admin", "admin-1", "", "-5")
BAD_SIGNATURE = ADMIN[:-4] + ("AAAA" if not ADMIN.endswith("AAAA") else "BBBB")
ALG_NONE = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + ADMIN.split(".")[1] + "."
INJECTIONS = ["' OR 1=1 --", "'; drop table orders; --", "\"; delete from order_events; --", "${jndi:ldap://x/a}",
              "<script>alert(1)</script>", "../../etc/passwd", "%00", "\u0000", "1; select pg_sleep(10)",
              "{{7*7}}", "' union select password from pg_shadow --", "\\x27", "😀" * 50, "a" * 5000]
LEAKS = [r"Exception", r"\tat ", r"\bat (io|java|org|jdk)\.", r"org\.postgresql", r"io\.vertx", r"org\.hibernate",
         r"io\.oms\.", r"java\.", r"SQLSTATE", r"syntax error at or near", r"relation \"", r"\bselect\b.+\bfrom\b",
         r"\binsert into\b", r"\bdelete from\b", r"\bupdate \w+ set\b", r"pg_", r"5432"]

def gql(query, variables=None):
    return json.dumps({"query": query, "variables": variables or {}})

def place_input(**override):
    base = {"idempotencyKey": "hostile-%d" % random.randrange(10**9), "currency": "USD",
            "shippingAddress": {"name": "X", "line1": "1 St", "city": "Boston", "postalCode": "02108", "country": "US"},
            "lines": [{"sku": "SKU-0001", "quantity": 1, "unitPrice": "1.00"}]}
    base.update(override)
    return base

PLACE = "mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }"

def nested(depth):
    inner = "id"
    for _ in range(depth):
        inner = "fulfillmentOrders { order { %s } }" % inner
    return "{ orders { edges { node { %s } } } }" % inner

def introspection(depth):
    inner = "name"
    for _ in range(depth):
        inner = "ofType { %s }" % inner
    return "{ __schema { types { fields { type { %s } } } } }" % inner

def case():
    """One hostile request: (description, body bytes, headers). None of them may change anything."""
    kind = random.randrange(16)
    inj = random.choice(INJECTIONS)
    auth = {"Authorization": "Bearer " + random.choice([ADMIN, CUSTOMER, WAREHOUSE])}
    if kind == 0:
        return "bad types", gql('{ orders(first: "x") { totalCount } }'), auth
    if kind == 1:
        return "bad id", gql('query($id: ID!) { order(id: $id) { id } }', {"id": inj}), auth
    if kind == 2:
        return "injection in filter", gql('query($s: String) { orders(filter: {sku: $s}) { totalCount } }',
                                          {"s": inj}), auth
    if kind == 3:
        return "injection in order input", gql(PLACE, {"i": place_input(email=inj, currency=inj[:3])}), auth
    if kind == 4:
        lines = [{"sku": "SKU-0001", "quantity": 1, "unitPrice": "1.00"}] * random.choice([501, 5000, 20000])
        return "huge list", gql(PLACE, {"i": place_input(lines=lines)}), auth
    if kind == 5:
        return "deep nesting", gql(nested(random.choice([13, 30, 100]))), auth
    if kind == 6:
        return "deep introspection", gql(introspection(random.choice([15, 40]))), auth
    if kind == 7:
        body = '{"query": "{ locations { code } }", "pad": "%s"}' % ("x" * (2 * 1024 * 1024))
        return "oversized body", body, auth
    if kind == 8:
        bad = random.choice(["garbage", EXPIRED, BAD_SIGNATURE, ALG_NONE, "Bearer", ""])
        return "bad token", gql("{ orders { totalCount } }"), {"Authorization": "Bearer " + bad}
    if kind == 9:
        return "not JSON", random.choice(["{", "[]", "null", "\"x\"", "query { orders }", "", "\x00\xff"]), auth
    if kind == 10:
        return "unparseable document", gql(random.choice(["{ orders(", "mutation {", "}}}", inj])), auth
    if kind == 11:
        aliases = " ".join("a%d: orders(first: 200) { edges { node { lines { sku } events { type } } } }" % i
                           for i in range(random.choice([50, 500])))
        return "alias amplification", gql("{ %s }" % aliases), auth
    if kind == 12:
        return "wrong variable types", gql(PLACE, {"i": {"lines": "x", "currency": 5, "shippingAddress": []}}), auth
    if kind == 13:
        return "negative and huge numbers", gql(
            'mutation($q: Int!) { adjustInventory(locationId: "%s", sku: "SKU-0001", delta: $q, reason: "x") { onHand } }'
            % inj, {"q": random.choice([-2**31, 2**31 - 1, 0])}), auth
    if kind == 14:
        return "forbidden mutation", gql('mutation { cancelOrder(orderId: "%s", reason: "x") { id } }'
                                         % "00000000-0000-0000-0000-000000000000"), {"Authorization": "Bearer " + CUSTOMER}
    return "unknown operation", gql("mutation { dropEverything }"), auth

def send(item):
    what, body, headers = item
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    request = urllib.request.Request(URL, data=data, method="POST",
                                     headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return what, body, response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return what, body, e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # the connection itself failed: counts as a failure
        return what, body, 0, "%s: %s" % (type(e).__name__, e)

failures, statuses, codes, kinds = [], collections.Counter(), collections.Counter(), collections.Counter()
with concurrent.futures.ThreadPoolExecutor(8) as pool:
    for what, body, status, text in pool.map(send, (case() for _ in range(COUNT))):
        kinds[what] += 1
        statuses[status] += 1
        try:
            errors = json.loads(text).get("errors") or [] if text.strip().startswith("{") else []
        except ValueError:
            errors = []
        for error in errors:
            codes[(error.get("extensions") or {}).get("code", "<none>")] += 1
        has_internal = any((e.get("extensions") or {}).get("code") == "INTERNAL" for e in errors)
        problem = None
        if status == 0:
            problem = "no HTTP answer: " + text
        elif status >= 500 and not has_internal:
            problem = "HTTP %d without INTERNAL" % status
        elif status >= 400 and status != 401 and (not errors or any("code" not in (e.get("extensions") or {}) for e in errors)):
            problem = "HTTP %d without a GraphQL error carrying extensions.code" % status
        elif status == 200 and errors and any("code" not in (e.get("extensions") or {}) for e in errors):
            problem = "an error without extensions.code"
        else:
            for pattern in LEAKS:
                found = re.search(pattern, text, re.IGNORECASE)
                if found and not re.search(re.escape(found.group(0)), body if isinstance(body, str) else "", re.IGNORECASE):
                    problem = "response shows %r" % found.group(0)
                    break
        if problem:
            failures.append((what, problem, text[:300]))

print("requests by kind: " + ", ".join("%s %d" % kv for kv in sorted(kinds.items())))
print("HTTP statuses:    " + ", ".join("%s %d" % kv for kv in sorted(statuses.items())))
print("error codes:      " + ", ".join("%s %d" % kv for kv in sorted(codes.items())))
for what, problem, text in failures[:20]:
    print("FAILED %s: %s\n    %s" % (what, problem, text.replace("\n", " ")))
print("%d of %d requests answered badly" % (len(failures), COUNT))
sys.exit(1 if failures else 0)
