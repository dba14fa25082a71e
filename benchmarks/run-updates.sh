#!/usr/bin/env bash
# Rolling update, rollback, and a canary shifted 0 -> 10 -> 50 -> 100% and promoted, of the hello sample in
# the processes topology under an open loop of requests; writes benchmarks/results/updates.json. About 4
# minutes. Add -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.UpdatesBenchmark \
    -Dbench.results="$PWD/benchmarks/results/updates.json" -Dbench.command=benchmarks/run-updates.sh "$@"
