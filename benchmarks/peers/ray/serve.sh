#!/usr/bin/env bash
# Runs the Ray Serve peer in the foreground: bash benchmarks/peers/ray/serve.sh <hello|tagging> <port>
# A fresh local Ray cluster of its own (temp dir /tmp/ray-peer-XXXXXX, no dashboard, no usage stats),
# Serve's HTTP proxy on 127.0.0.1:<port> (POST /hello or POST /tag). SIGTERM or SIGINT shuts Serve and
# every Ray process it started down, then removes the temp dir. All Ray processes are descendants of
# this process. RAY_SERVE_THROUGHPUT_OPTIMIZED=1 and
# TRELLIS_OCR_MODELS pass through to the replicas.
set -uo pipefail

usage() { echo "usage: $0 <hello|tagging> <port>" >&2; exit 2; }
[ $# -eq 2 ] || usage
app=$1
port=$2
case "$app" in hello | tagging) ;; *) usage ;; esac
[[ "$port" =~ ^[0-9]+$ ]] || usage

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python="$root/benchmarks/target/ray-venv/bin/python"
if [ ! -x "$python" ]; then
    echo "serve.sh: $python is missing: run bash benchmarks/peers/ray/install.sh first" >&2
    exit 1
fi

tmp="$(mktemp -d /tmp/ray-peer-XXXXXX)"
export RAY_TMPDIR="$tmp"
export RAY_USAGE_STATS_ENABLED=0
# Ray runs its workers (replicas, proxy, controller) at nice 15 by default, below everything else on the
# machine, the load generator included; Trellis's processes run at nice 0. Same footing for both:
export RAY_worker_niceness="${RAY_worker_niceness:-0}"
# With RAY_SERVE_THROUGHPUT_OPTIMIZED=1 handle calls go over gRPC, limited to 4 MiB a message: a text crop
# of a large photo can be more.
export RAY_SERVE_REPLICA_GRPC_MAX_MESSAGE_LENGTH="${RAY_SERVE_REPLICA_GRPC_MAX_MESSAGE_LENGTH:-67108864}"
export PYTHONPATH="$here${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONUNBUFFERED=1

# driver.py keeps this process (exec), passes SIGTERM/SIGINT to the app process it starts, and as a child
# subreaper keeps every Ray process in this process's tree; once the app has stopped it kills anything left
# and removes $tmp.
exec "$python" "$here/driver.py" "$app" "$port" "$tmp"
