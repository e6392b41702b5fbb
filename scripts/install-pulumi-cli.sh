#!/usr/bin/env bash
# Makes the Pulumi CLI and its Node.js language host available without internet: builds them from
# the Go module proxy into .tools/pulumi/bin. Safe to re-run: a pulumi of the pinned version that
# is already built there, or installed on PATH the normal way, is used as it is.
# The last line of output is the bin directory holding `pulumi`.
set -euo pipefail

PULUMI_VERSION="v3.259.0"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/pulumi/bin"
say() { echo "[install-pulumi-cli] $*" >&2; }
version_of() { "$1" version 2>/dev/null || true; }

if [[ ! -x "$bin/pulumi" ]] && command -v pulumi >/dev/null 2>&1 &&
  [[ "$(version_of pulumi)" == "$PULUMI_VERSION" ]]; then
  on_path="$(dirname "$(command -v pulumi)")"
  say "using pulumi $PULUMI_VERSION found on PATH in $on_path"
  echo "$on_path"
  exit 0
fi

mkdir -p "$bin"
if [[ "$(version_of "$bin/pulumi")" == "$PULUMI_VERSION" ]]; then
  say "pulumi $PULUMI_VERSION already built"
else
  command -v go >/dev/null 2>&1 || { say "Go is required to build the Pulumi CLI"; exit 1; }
  say "building pulumi $PULUMI_VERSION from the Go module proxy (cold: about 3-4 minutes)"
  start=$SECONDS
  (cd "$root/tools/pulumi-cli" && go build -o "$bin/pulumi" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  say "pulumi built in $((SECONDS - start)) s"
fi

if [[ -x "$bin/pulumi-language-nodejs" ]]; then
  say "pulumi-language-nodejs already built"
else
  # Newer hosts live in a module the proxy refuses; until sdk/v3 v3.68.0 it was inside the SDK.
  say "building pulumi-language-nodejs from sdk/v3 v3.68.0"
  start=$SECONDS
  (cd "$root/tools/pulumi-language-nodejs" && go build -o "$bin/pulumi-language-nodejs" \
    github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
  say "pulumi-language-nodejs built in $((SECONDS - start)) s"
fi

# The dynamic provider plugin is a shell script inside @pulumi/pulumi; placed beside the CLI the
# engine finds it without warnings. It resolves @pulumi/pulumi from the program's directory.
plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[[ -f "$plugin" ]] || { say "run 'npm ci' first: $plugin is missing"; exit 1; }
cp "$plugin" "$bin/pulumi-resource-pulumi-nodejs"
chmod +x "$bin/pulumi-resource-pulumi-nodejs"

say "ready: pulumi $(version_of "$bin/pulumi")"
echo "$bin"
