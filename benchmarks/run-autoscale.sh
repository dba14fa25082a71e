#!/usr/bin/env bash
# The autoscaling benchmark in one command, from any directory: builds what it needs, then runs
# dev.trellis.benchmarks.AutoscaleBenchmark (about 2 minutes on 2 cores): the autoscale-bench
# application with a JVM per replica, loaded in steps by a load generator in its own JVM. Prints the
# time from a load step to a new replica serving (less the upscale delay) and from zero replicas to a
# first answer, writes benchmarks/results/autoscale.json, benchmarks/results/autoscale-timeline.csv and
# the chart docs/autoscaling.png. docs/autoscaling.md records the results.
# Extra arguments go to Maven, e.g. -o to stay offline, -Dbench.rounds=5.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.AutoscaleBenchmark \
    -Dbench.results="$PWD/benchmarks/results/autoscale.json" -Dbench.command=benchmarks/run-autoscale.sh \
    -Dbench.plot="$PWD/docs/autoscaling.png" -Dbench.rounds=3 "$@"
