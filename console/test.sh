#!/usr/bin/env bash
# The console's checks, as CI runs them (the last step of .ci/run) and as anyone can run them:
#   1. Debian's Chromium (installed when missing and running as root) and the test tools (npm ci);
#   2. the type check of the console's modules and of the tests (tsc --checkJs);
#   3. the packaged service in its prod profile, trusting the dev key pair (allowed on purpose: prod refuses it
#      otherwise), on a fresh database, with notices switched off on purpose (prod refuses to start without a channel; the tests deliver nothing, and a notice
#      they make DEAD with SQL is SKIPPED once redelivered);
#   4. the browser tests (headless Chromium driven by playwright-core) against it (they read the database's
#      name in OMS_CONSOLE_DB, for the little they set up with psql);
#   5. ./mvnw quarkus:dev on another fresh database: the console at /console with the demo data, and the dev
#      profile's role picker (tests-dev/).
# Any failure fails the script. Screenshots go to target/console-screenshots/, the logs to target/console-*.log.
# Needs PostgreSQL as .ci/run prepares it, and ports 8080 and 9000 free (on a shared machine: hold the heavy lock).
set -euo pipefail
cd "$(dirname "$0")/.."

PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
DB_USER=${OMS_DB_USER:-postgres}
DB=${OMS_CONSOLE_DB:-oms_console_e2e}
DEV_DB=${OMS_CONSOLE_DEV_DB:-oms_console_dev}
PORT=${OMS_CONSOLE_PORT:-8080}
# Health is served on the management interface only (application.properties), never on $PORT.
MANAGEMENT_PORT=${OMS_CONSOLE_MANAGEMENT_PORT:-9000}
LOG=target/console-service.log
DEV_LOG=target/console-dev.log

if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "console: Chromium is missing; install Debian's chromium package (apt-get install chromium)" >&2
    exit 1
  fi
  echo "console: installing Chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
export CHROMIUM_PATH=${CHROMIUM_PATH:-$(command -v chromium)}

(cd console && npm ci --no-audit --no-fund --loglevel=error)
(cd console && npm run --silent typecheck)
echo "console: type check passed"

fresh_database() {
  psql -h "$PGHOST" -p "$PGPORT" -U "$DB_USER" -d postgres -qc "drop database if exists $1 with (force)" -c "create database $1"
}

# Waits until the process $1 answers ready on $MANAGEMENT_PORT; on failure shows the end of the log $2.
wait_ready() {
  for _ in $(seq 1 180); do
    if ! kill -0 "$1" 2>/dev/null; then
      echo "console: the service stopped during start-up; last lines of $2:" >&2
      tail -n 40 "$2" >&2
      return 1
    fi
    curl -sf "http://localhost:$MANAGEMENT_PORT/q/health/ready" >/dev/null && return 0
    sleep 1
  done
  echo "console: the service did not become ready; last lines of $2:" >&2
  tail -n 40 "$2" >&2
  return 1
}

# Stops a service started with setsid (its whole process group: dev mode runs a JVM under Maven's).
service=
stop() {
  if [ -n "$service" ]; then
    kill -TERM -- "-$service" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 -- "-$service" 2>/dev/null || break; sleep 1; done
    kill -KILL -- "-$service" 2>/dev/null || true
    service=
  fi
}
trap stop EXIT

mkdir -p target
./mvnw -B -q package -DskipTests
fresh_database "$DB"
OMS_DB_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DB" OMS_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
  OMS_JWT_PUBLIC_KEY_LOCATION=dev-keys/jwt-public.pem OMS_JWT_ALLOW_DEVELOPMENT_KEY=true OMS_NOTIFICATIONS_ENABLED=false \
  setsid java -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" -jar target/quarkus-app/quarkus-run.jar >"$LOG" 2>&1 &
service=$!
wait_ready "$service" "$LOG"
echo "console: packaged service ready on port $PORT (database $DB); running the browser tests"
(cd console && OMS_CONSOLE_URL="http://localhost:$PORT" OMS_CONSOLE_DB="$DB" PGHOST="$PGHOST" PGPORT="$PGPORT" \
  OMS_DB_USER="$DB_USER" npm test)
stop

fresh_database "$DEV_DB"
OMS_DB_REACTIVE_URL="postgresql://$PGHOST:$PGPORT/$DEV_DB" OMS_DB_JDBC_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DEV_DB" \
  setsid ./mvnw -B quarkus:dev -Dquarkus.http.port="$PORT" -Dquarkus.management.port="$MANAGEMENT_PORT" -Ddebug=false -Dquarkus.console.enabled=false \
  </dev/null >"$DEV_LOG" 2>&1 &
service=$!
wait_ready "$service" "$DEV_LOG"
echo "console: dev mode ready on port $PORT (database $DEV_DB); running the dev-profile tests"
(cd console && OMS_CONSOLE_URL="http://localhost:$PORT" npm run test:dev)
stop
echo "console: all browser tests passed; screenshots in target/console-screenshots/"
