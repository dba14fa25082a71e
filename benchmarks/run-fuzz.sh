#!/usr/bin/env bash
# Fuzzes every decoder of outside input with Jazzer, each for a bounded time (FUZZ_SECONDS, default 30):
# the control protocol's messages, the ingress's JSON and upload bodies, the deployment YAML. The unit
# suite replays the kept inputs (regression mode); this runs the fuzzer itself (JAZZER_FUZZ=1), then
# writes benchmarks/results/fuzz.json with fuzz_execs (inputs run, all targets), fuzz_crashes (targets
# that found an input giving another exception, a hang or an OutOfMemoryError; Jazzer leaves it as
# runtime/crash-* or timeout-*: keep it under the test's ...Inputs/ directory as a regression case).
# Extra arguments go to Maven, e.g. -o to stay offline. docs/reliability.md records the results.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-30}"
targets=(
  "dev.trellis.runtime.grpc.ControlProtocolFuzzTest#aLoadReportDecodesOrIsRefused"
  "dev.trellis.runtime.grpc.ControlProtocolFuzzTest#anAnnouncementDecodesOrIsRefused"
  "dev.trellis.runtime.grpc.ControlProtocolFuzzTest#aConfigurationDecodesOrIsRefused"
  "dev.trellis.runtime.server.IngressDecodersFuzzTest#aJsonBodyDecodesOrIsRefused"
  "dev.trellis.runtime.server.IngressDecodersFuzzTest#anUploadDecodesOrIsRefused"
  "dev.trellis.runtime.config.DeploymentYamlFuzzTest#anyTextIsReadOrRefusedWithItsProblems"
)
.ci/with-jdk21 mvn -B -q "$@" install -pl runtime -am -DskipTests
logs="$(mktemp -d)"
execs=0
crashes=0
for target in "${targets[@]}"; do
  log="$logs/${target##*.}.log"
  echo "fuzzing $target for ${seconds}s"
  if JAZZER_FUZZ=1 .ci/with-jdk21 mvn -B "$@" -pl runtime test -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.max_duration="${seconds}s" > "$log" 2>&1; then
    :
  else
    crashes=$((crashes + 1))
    echo "  found a failing input: see $log and runtime/crash-* / timeout-*"
  fi
  # libFuzzer's last line: "#<runs> DONE ..."; a crash stops it earlier at its last "#<runs>" line.
  runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  echo "  ${runs:-0} inputs"
  execs=$((execs + ${runs:-0}))
done
cat > benchmarks/results/fuzz.json <<JSON
{
  "fuzz_execs": $execs,
  "fuzz_crashes": $crashes,
  "fuzz_targets": ${#targets[@]},
  "fuzz_seconds_per_target": $seconds,
  "command": "benchmarks/run-fuzz.sh",
  "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
}
JSON
cat benchmarks/results/fuzz.json
[ "$crashes" -eq 0 ]
