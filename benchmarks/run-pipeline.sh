#!/usr/bin/env bash
# The image-tagging pipeline benchmark in one command, from any directory: builds what it needs (the
# image-tagging sample and its models included), then runs dev.trellis.benchmarks.PipelineBenchmark
# (about 5½ minutes on 2 cores), which serves the pipeline as Trellis, as a monolith and as microservices,
# loads each the same way, prints a table and writes benchmarks/results/pipeline.json.
# docs/benchmarks.md records the results.
# Extra arguments go to Maven, e.g. -o to stay offline, -Dbench.concurrency=16, -Dbench.rounds=3.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.PipelineBenchmark \
    -Dbench.results="$PWD/benchmarks/results/pipeline.json" -Dbench.command=benchmarks/run-pipeline.sh \
    -Dbench.rounds=6 -Dbench.heap=2g "$@"
