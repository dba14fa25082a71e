#!/usr/bin/env bash
# The batching benchmark in one command, from any directory: builds what it needs, then runs
# dev.trellis.benchmarks.BatchingBenchmark (under 4 minutes on 2 cores, the build included), which
# writes benchmarks/results/batching.json (medians) and benchmarks/results/batching-rounds.csv (every
# round). docs/benchmarks.md records the results.
# Extra arguments go to Maven, e.g. -o to stay offline or -Dbench.rounds=4.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q "$@" -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.BatchingBenchmark \
    -Dbench.results="$PWD/benchmarks/results/batching.json" -Dbench.command=benchmarks/run-batching.sh
