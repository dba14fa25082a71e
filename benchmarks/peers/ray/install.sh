#!/usr/bin/env bash
# Creates benchmarks/target/ray-venv (from the repository root, whatever the cwd) and installs the Ray
# Serve peer's pinned packages (requirements.txt) offline, from the local wheel store only. Idempotent:
# an existing venv with exactly these packages is kept. Extra wheel folders: RAY_PEER_WHEELS=dir1:dir2.
# Prints the venv's python at the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
venv="$root/benchmarks/target/ray-venv"
requirements="$here/requirements.txt"

fail() { echo "install.sh: $*" >&2; exit 1; }

base="${PYTHON:-python3.11}"
command -v "$base" >/dev/null 2>&1 || fail "$base is not on the PATH (the peer needs Python 3.11; set PYTHON=...)"
"$base" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || fail "$base is Python $("$base" -c 'import platform; print(platform.python_version())'), not 3.11"

links=()
dirs=()
wheels="${RAY_PEER_WHEELS:-}"
for dir in ${wheels//:/ } /opt/pypi/files /opt/pypi-more/files /opt/wheels; do
    [ -d "$dir" ] && links+=(--find-links "$dir") && dirs+=("$dir")
done
[ ${#links[@]} -gt 0 ] || fail "no local wheel store found (looked in /opt/pypi/files, /opt/pypi-more/files, /opt/wheels; set RAY_PEER_WHEELS)"

wanted() { grep -vE '^\s*(#|$)' "$requirements" | tr 'A-Z_' 'a-z-' | sort; }
installed() { "$venv/bin/python" -m pip freeze --disable-pip-version-check 2>/dev/null | tr 'A-Z_' 'a-z-' | sort; }

if [ -x "$venv/bin/python" ] && [ "$(installed)" = "$(wanted)" ]; then
    echo "install.sh: $venv already has the pinned packages" >&2
else
    if [ ! -x "$venv/bin/python" ]; then
        mkdir -p "$(dirname "$venv")"
        "$base" -m venv "$venv" || fail "could not create the venv $venv"
    fi
    log="$(mktemp)"
    if ! "$venv/bin/python" -m pip install --disable-pip-version-check --no-index "${links[@]}" \
            -r "$requirements" >"$log" 2>&1; then
        cat "$log" >&2
        rm -f "$log"
        fail "pip could not install the pinned packages from the local wheel store (${dirs[*]}):" \
            "a wheel above is missing there"
    fi
    rm -f "$log"
    # Anything else in the venv (an earlier, different pin) goes, so that it holds exactly requirements.txt.
    extra="$(comm -13 <(wanted | cut -d= -f1) <(installed | cut -d= -f1))"
    [ -z "$extra" ] || "$venv/bin/python" -m pip uninstall --disable-pip-version-check -y $extra >/dev/null
fi

"$venv/bin/python" -c 'import ray, ray.serve, onnxruntime, cv2, numpy, PIL, shapely, starlette' \
    || fail "the venv $venv does not import ray, ray.serve, onnxruntime, cv2, numpy, PIL, shapely, starlette"
echo "$venv/bin/python"
