#!/usr/bin/env bash
# Runs LoadGenerator.java with HdrHistogram on the class path (from the local Maven repository; fetched once
# with the Maven wrapper when it is missing). Without it the generator still runs, on the JDK alone, and keeps
# exact samples instead. Options: bench/load/loadgen.sh --help
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
version=${HDRHISTOGRAM_VERSION:-2.2.2}
jar=${HDRHISTOGRAM_JAR:-${MAVEN_REPO:-$HOME/.m2/repository}/org/hdrhistogram/HdrHistogram/$version/HdrHistogram-$version.jar}
if [ ! -f "$jar" ]; then
  (cd "$root" && ./mvnw -q -B dependency:get -Dartifact="org.hdrhistogram:HdrHistogram:$version" >&2) \
    || echo "loadgen: HdrHistogram $version not available; exact samples instead" >&2
fi
cd "$root"
if [ -f "$jar" ]; then
  exec java -cp "$jar" bench/load/LoadGenerator.java "$@"
fi
exec java bench/load/LoadGenerator.java "$@"
