#!/usr/bin/env bash
# `npm run release`: every artifact of a release of version V (package.json's) into release/,
# which git ignores:
#   pulumi-resource-comm100-vV-<os>-<arch>.tar.gz   the plugin as a self-contained executable, with
#                                                  LICENSE and README.md, named as the engine looks
#                                                  for it (linux-amd64, linux-arm64, windows-amd64)
#   pulumi-comm100-V.tgz                           the npm package (npm pack)
#   pulumi_comm100-V.tar.gz, pulumi_comm100-V-py3-none-any.whl   the Python SDK
#   go-module.txt                                  the Go SDK's module and the tag that releases it
#   checksums.txt                                  sha256 of each file above (sha256sum -c reads it)
# It refuses to start when the files disagree on the version or the SDKs are stale. Safe to re-run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/release"
say() { echo "[release] $*" >&2; }
step_start=$SECONDS
# Sets $took to the seconds since the last call (the step just done).
lap() { took="$((SECONDS - step_start)) s"; step_start=$SECONDS; }
cd "$root"
start=$SECONDS

version="$(node -p 'require("./package.json").version')"
say "version $version: checking that every file states it and the SDKs match the code"
npx tsx scripts/releaseVersions.ts
bash scripts/gen-sdk.sh --check
rm -rf "$out"
mkdir -p "$out"

lap
say "building the plugin bundle and its executables"
npm run --silent build:plugin >/dev/null
executables="$(bash scripts/build-plugin-executable.sh | tail -n 1)"
for folder in "$executables"/*/; do
  target="$(basename "$folder")"
  archive="$out/pulumi-resource-comm100-v$version-$target.tar.gz"
  tar -czf "$archive" -C "$folder" "$(basename "$folder"/pulumi-resource-comm100*)" \
    -C "$root" LICENSE README.md
  say "$(basename "$archive"): $(du -h "$archive" | cut -f1)"
done
lap
say "plugin archives written ($took)"

say "packing the npm package"
npm pack --silent --pack-destination "$out" >/dev/null
lap
say "$(cd "$out" && ls ./*.tgz | xargs -n1 basename) ($took)"

say "building the Python SDK's sdist and wheel"
builder="$root/.tools/python-build"
if ! "$builder/bin/python" -c 'import build' 2>/dev/null; then
  rm -rf "$builder"
  python3 -m venv "$builder"
  "$builder/bin/python" -m pip install --quiet --disable-pip-version-check build
fi
# From a copy, with the SDK's README beside setup.py (which reads it as the PyPI description).
copy="$(mktemp -d)"
cp -r sdk/python/. "$copy"
cp sdk/python/pulumi_comm100/README.md "$copy/README.md"
"$builder/bin/python" -m build --sdist --wheel --outdir "$out" "$copy" >"$copy/build.log" 2>&1 || {
  cat "$copy/build.log" >&2
  exit 1
}
rm -rf "$copy"
lap
say "$(cd "$out" && ls pulumi_comm100-* | tr '\n' ' ')($took)"

say "checking that the Go SDK builds"
module="$(cd sdk && go list -m)"
(cd sdk && go build ./...)
printf 'module %s\ntag sdk/v%s\nrelease tag v%s\n' "$module" "$version" "$version" >"$out/go-module.txt"
lap
say "the Go module $module is released by tagging sdk/v$version ($took)"

(cd "$out" && sha256sum -- * >checksums.txt)
say "release $version written to release/ in $((SECONDS - start)) s: publish the plugin archives and checksums.txt as the assets of GitHub release v$version, then tag sdk/v$version"
echo "$out"
