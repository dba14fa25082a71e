#!/usr/bin/env bash
# The GPU check, on a machine with an NVIDIA GPU: builds with the CUDA build of ONNX Runtime (-Pgpu,
# a ~425 MB download the first time), starts two deployments that ask for half a GPU each, prints the
# execution provider each runs on and their batched throughput, and exits non-zero if CUDA was asked
# for but not used. Extra arguments go to Maven, e.g. -o to stay offline.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/with-jdk21 mvn -B -q -Pgpu "$@" install -pl benchmarks -am -DskipTests
.ci/with-jdk21 mvn -B -q -Pgpu "$@" -pl benchmarks exec:exec -Dbench.main=dev.trellis.benchmarks.GpuCheck
