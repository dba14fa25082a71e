#!/usr/bin/env bash
# Every performance comparison of docs/benchmarks.md in one command, from any directory (about 25 minutes
# on 2 cores): builds what it needs (the samples and their models included), installs the Ray Serve peer
# into benchmarks/target/ray-venv from the local wheel store when it is missing, then runs
# dev.trellis.benchmarks.PerfBenchmark, which writes benchmarks/results/perf.json and perf-rounds.csv.
# Needs wrk (Debian: apt-get install wrk). Extra arguments go to Maven, e.g. -o to stay offline,
# -Dbench.rounds=5, -Dbench.childJvmOptions="..." to try other replica JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "run-perf.sh needs wrk on the PATH (Debian: apt-get install wrk)" >&2; exit 1; }
[ -x benchmarks/target/ray-venv/bin/python ] || bash benchmarks/peers/ray/install.sh
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.PerfBenchmark \
    -Dbench.heap=1g -Dbench.rounds=3 "$@"
