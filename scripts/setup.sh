#!/usr/bin/env bash
# Installs what promptlint needs to build and test, from Debian 12 packages only.
# Does nothing when everything is already there.
set -euo pipefail

packages=(cmake make g++ pkg-config python3 clang-format
          libcli11-dev nlohmann-json3-dev libfmt-dev catch2 libpcre2-dev libsodium-dev
          python3-jsonschema pre-commit git)
# Hyperscan is x86-only; Vectorscan is its portable fork with the same API and pkg-config name.
if [ "$(dpkg --print-architecture)" = amd64 ]; then
    packages+=(libhyperscan-dev)
else
    packages+=(libvectorscan-dev)
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "setup: installing ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
