#!/usr/bin/env bash
# The hop benchmark in one command, from any directory: builds what it needs, then runs
# dev.trellis.benchmarks.HopBenchmark (about 3 minutes on 2 cores), which writes
# benchmarks/results/hop.json. docs/benchmarks.md records the results.
# Extra arguments go to Maven, e.g. -o to stay offline or -Dbench.rounds=10.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q "$@" -pl benchmarks exec:exec
