#!/usr/bin/env bash
# Builds the Pulumi CLI and its Node.js language host from the Go module proxy into
# .tools/pulumi/bin (no internet needed beyond the proxy). Safe to re-run: does nothing when a
# pulumi of the pinned version is already there or on PATH. Prints the bin directory last.
set -euo pipefail

PULUMI_VERSION="v3.259.0"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/pulumi/bin"
say() { echo "[install-pulumi-cli] $*" >&2; }

version_of() { "$1" version 2>/dev/null || true; }

if [[ -x "$bin/pulumi" && "$(version_of "$bin/pulumi")" == "$PULUMI_VERSION" && -x "$bin/pulumi-language-nodejs" ]]; then
  say "pulumi $PULUMI_VERSION already built in $bin"
  echo "$bin"
  exit 0
fi
if command -v pulumi >/dev/null 2>&1 && [[ "$(version_of pulumi)" == "$PULUMI_VERSION" ]]; then
  on_path="$(dirname "$(command -v pulumi)")"
  say "pulumi $PULUMI_VERSION found on PATH in $on_path"
  echo "$on_path"
  exit 0
fi

command -v go >/dev/null 2>&1 || { say "Go is required to build the Pulumi CLI (https://go.dev/dl)"; exit 1; }
mkdir -p "$bin"

say "building pulumi $PULUMI_VERSION (cold: about 3 minutes, 4 GB of Go caches)"
start=$SECONDS
(cd "$root/tools/pulumi-cli" && go build -o "$bin/pulumi" \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
say "pulumi built in $((SECONDS - start)) s"

start=$SECONDS
say "building pulumi-language-nodejs (from sdk/v3 v3.68.0, the last release that kept it in the SDK module)"
(cd "$root/tools/pulumi-language-nodejs" && go build -o "$bin/pulumi-language-nodejs" \
  github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
say "pulumi-language-nodejs built in $((SECONDS - start)) s"

# The dynamic provider plugin ships in @pulumi/pulumi as a shell script; beside the CLI the
# engine finds it without warnings. It resolves @pulumi/pulumi from the program's directory.
cat > "$bin/pulumi-resource-pulumi-nodejs" <<'PLUGIN'
#!/bin/sh
exec node -e "require(require.resolve('@pulumi/pulumi/cmd/dynamic-provider', { paths: [process.cwd()] }))" "$@"
PLUGIN
chmod +x "$bin/pulumi-resource-pulumi-nodejs"

say "installed: $("$bin/pulumi" version)"
echo "$bin"
