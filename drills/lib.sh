# Shared by the drills (source it): the packaged service in its prod profile against a database of its
# own, tokens, the load generator, and the invariants that decide PASS or FAIL.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=${DRILL_OUT:-$ROOT/target/drills}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
export PGUSER=${OMS_DB_USER:-postgres} PGPASSWORD=${OMS_DB_PASSWORD:-}
DB=${DRILL_DB:-oms_drill}
# The service under test; another build (e.g. an older one, to see a drill fail) with DRILL_JAR.
JAR=${DRILL_JAR:-$ROOT/target/quarkus-app/quarkus-run.jar}
mkdir -p "$OUT"

log() { echo "[$(date +%T)] $*"; }
sql() { psql -h "$PGHOST" -p "$PGPORT" -d "$DB" -Atq -v ON_ERROR_STOP=1 "$@"; }

fresh_db() {
  dropdb -h "$PGHOST" -p "$PGPORT" --if-exists --force "$DB"
  createdb -h "$PGHOST" -p "$PGPORT" "$DB"
}

build() {
  if [ ! -f "$JAR" ]; then
    log "building the service"
    (cd "$ROOT" && ./mvnw -B -q package -DskipTests)
  fi
}

# Health and metrics are on the management interface: a service on PORT has it on PORT + 1000.
management_port() { echo $(($1 + 1000)); }

# start_service NAME PORT [VAR=value ...]: the fast-jar as deployed (prod profile), logging to $OUT/NAME.log.
# A JVM that runs out of memory exits (as in the JVM image), so that it is replaced rather than limping on;
# DRILL_JAVA_OPTS adds JVM options (drill 4: the heap of k8s/base, -Xmx256m). The collector is the JVM image's
# (the parallel one, src/main/docker/Dockerfile.jvm), not the G1 that a plain `java` picks on a machine with 2
# cores and more than 1.8 GB: on two cores G1 cost about a quarter more of the service's CPU per order
# (docs/BENCHMARKS.md). DRILL_GC chooses another.
start_service() {
  local name=$1 port=$2
  shift 2
  env OMS_DB_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" OMS_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    OMS_JWT_PUBLIC_KEY_LOCATION="$ROOT/dev-keys/jwt-public.pem" OMS_JWT_ALLOW_DEVELOPMENT_KEY=true \
    QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_PORT="$(management_port "$port")" \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false OMS_NOTIFICATIONS_ENABLED=false "$@" \
    java -XX:+ExitOnOutOfMemoryError ${DRILL_GC:--XX:+UseParallelGC} ${DRILL_JAVA_OPTS:-} -jar "$JAR" \
    >>"$OUT/$name.log" 2>&1 &
  echo $! >"$OUT/$name.pid"
  log "$name started on port $port (pid $(cat "$OUT/$name.pid"))"
}

stop_service() { local pid; pid=$(cat "$OUT/$1.pid" 2>/dev/null || true); [ -n "$pid" ] && kill "$pid" 2>/dev/null || true; }

ready() { curl -sf -o /dev/null "http://localhost:$(management_port "$1")/q/health/ready"; }

wait_ready() {
  local port=$1 timeout=${2:-90}
  for _ in $(seq 1 "$timeout"); do ready "$port" && return 0; sleep 1; done
  log "service on port $port not ready after ${timeout}s"; return 1
}

# The dev profile's demo locations and SKUs (applied once the migrations ran), so the load generator finds them.
seed_demo() { sql -f "$ROOT/src/main/resources/db/demo/R__demo_data.sql" >/dev/null; }

# The demo SKUs restocked at every US location (before the load starts, so that a drill never interrupts it).
restock() { java "$ROOT/bench/load/LoadGenerator.java" --url "$1" --restock only >/dev/null; }

# load CLIENTS SECONDS URL LOGNAME: storefront traffic; survives refused connections and errors.
load() {
  java "$ROOT/bench/load/LoadGenerator.java" --url "$3" --clients "$1" --duration "$2" --warmup 0 --restock no \
    >"$OUT/$4.log" 2>&1
}

# Waits until the routing queue is empty (every paid order routed or flagged), at most $1 seconds.
settle() {
  for _ in $(seq 1 "${1:-120}"); do
    [ "$(sql -c "select count(*) from routing_jobs where status = 'PENDING'")" = 0 ] && return 0
    sleep 1
  done
  log "routing queue did not drain"; return 1
}

# Prints the invariants and returns non-zero when one is violated.
check_invariants() {
  local result
  result=$(sql -F ' | ' -f "$ROOT/drills/invariants.sql")
  echo "$result" | sed 's/^/  /'
  ! echo "$result" | awk -F ' [|] ' '$2 != 0 { bad = 1 } END { exit !bad }'
}

verdict() { # verdict NAME OK(0|1) DETAIL
  if [ "$2" = 0 ]; then echo "PASS $1: $3"; else echo "FAIL $1: $3"; fi
  return "$2"
}
