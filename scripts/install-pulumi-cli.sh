#!/usr/bin/env bash
# Makes the Pulumi CLI and its language hosts (Node.js, Python, YAML) available without internet:
# builds them from the Go module proxy into .tools/pulumi/bin, each from its Go module under tools/.
# Safe to re-run: what is already built there at the pinned version is kept, and a pulumi of the
# pinned version installed on PATH the normal way (which ships its own hosts) is used as it is.
# Python programs also need scripts/install-python-env.sh. The last line of output is the bin
# directory holding `pulumi`.
#
#   scripts/install-pulumi-cli.sh             pulumi v3.259.0 (tools/pulumi-cli) and the hosts
#   scripts/install-pulumi-cli.sh v3.277.0    another version, from the module tools/pulumi-cli*
#                                             that pins it (tools/pulumi-cli-compat), into
#                                             .tools/pulumi-v3.277.0/bin, beside links to the
#                                             hosts above (built first when missing)
set -euo pipefail

DEFAULT_VERSION="v3.259.0"  # tools/pulumi-cli: github.com/pulumi/pulumi/pkg/v3
HOSTS_SDK_VERSION="v3.68.0" # tools/pulumi-language-hosts: github.com/pulumi/pulumi/sdk/v3
YAML_VERSION="v1.25.0"      # tools/pulumi-language-yaml: github.com/pulumi/pulumi-yaml
PULUMI_VERSION="${1:-$DEFAULT_VERSION}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "[install-pulumi-cli] $*" >&2; }
version_of() { "$1" version 2>/dev/null || true; }
have_go() { command -v go >/dev/null 2>&1; }

# The Go module under tools/ that builds pulumi $PULUMI_VERSION, and where it goes.
if [[ "$PULUMI_VERSION" == "$DEFAULT_VERSION" ]]; then
  cli_module=pulumi-cli
  bin="$root/.tools/pulumi/bin"
else
  pins="$(grep -lE "^require github.com/pulumi/pulumi/pkg/v3 ${PULUMI_VERSION//./\\.}\$" \
    "$root"/tools/pulumi-cli*/go.mod || true)"
  [[ -n "$pins" ]] || { say "no module tools/pulumi-cli*/go.mod requires pkg/v3 $PULUMI_VERSION"; exit 1; }
  cli_module="$(basename "$(dirname "$(head -n 1 <<<"$pins")")")"
  bin="$root/.tools/pulumi-$PULUMI_VERSION/bin"
fi

if [[ ! -x "$bin/pulumi" ]] && command -v pulumi >/dev/null 2>&1 &&
  [[ "$(version_of pulumi)" == "$PULUMI_VERSION" ]]; then
  on_path="$(dirname "$(command -v pulumi)")"
  say "using pulumi $PULUMI_VERSION found on PATH in $on_path"
  echo "$on_path"
  exit 0
fi

# True when the executable $1 was built from module $2 at version $3, read from the build info Go
# embeds in every binary. Without Go to read it, an existing executable is trusted.
built_from() {
  [[ -x "$1" ]] || return 1
  have_go || return 0
  go version -m "$1" 2>/dev/null | grep -qE "^[[:space:]]+(mod|dep)[[:space:]]+$2[[:space:]]+$3([[:space:]]|$)"
}

# Builds executable $1 from the Go module in tools/$2, package $3, stamping version variable $4=$5.
build() {
  have_go || { say "Go is required to build $1"; exit 1; }
  local start=$SECONDS
  (cd "$root/tools/$2" && go build -o "$bin/$1" -ldflags "-X $4=$5" "$3")
  say "$1 built in $((SECONDS - start)) s"
}

mkdir -p "$bin"
if [[ "$(version_of "$bin/pulumi")" == "$PULUMI_VERSION" ]]; then
  say "pulumi $PULUMI_VERSION already built"
else
  say "building pulumi $PULUMI_VERSION from the Go module proxy (cold: about 3-4 minutes)"
  build pulumi "$cli_module" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi \
    github.com/pulumi/pulumi/sdk/v3/go/common/version.Version "$PULUMI_VERSION"
fi

# Another version gets the language hosts and the dynamic provider plugin of the default one,
# linked beside it: the hosts below are the only ones the proxy serves.
if [[ "$PULUMI_VERSION" != "$DEFAULT_VERSION" ]]; then
  hosts="$(bash "${BASH_SOURCE[0]}" | tail -n 1)"
  for file in "$hosts"/pulumi-*; do ln -sfn "$file" "$bin/"; done
  say "ready: pulumi $(version_of "$bin/pulumi") with the language hosts of $hosts"
  echo "$bin"
  exit 0
fi

# The Node.js and Python hosts: their newer modules are refused by the proxy, but until sdk/v3
# v3.68.0 both lived inside the SDK module, which is served. Placed beside `pulumi`, every host is
# found without the engine's "using ... from $PATH" warnings.
sdk=github.com/pulumi/pulumi/sdk/v3
for lang in nodejs python; do
  host="pulumi-language-$lang"
  if built_from "$bin/$host" "$sdk" "$HOSTS_SDK_VERSION"; then
    say "$host (sdk/v3 $HOSTS_SDK_VERSION) already built"
  else
    say "building $host from sdk/v3 $HOSTS_SDK_VERSION (cold: under a minute)"
    build "$host" pulumi-language-hosts "$sdk/$lang/cmd/$host" \
      "$sdk/go/common/version.Version" "$HOSTS_SDK_VERSION"
    if [[ "$lang" == python ]]; then rm -f "$bin/pulumi-language-python-exec"; fi # re-copied below
  fi
done

# The Python host runs programs through this script, looked for beside the host; it runs the
# `python` found on PATH (see scripts/install-python-env.sh).
if [[ ! -x "$bin/pulumi-language-python-exec" ]]; then
  have_go || { say "Go is required to fetch pulumi-language-python-exec"; exit 1; }
  sdk_dir="$(cd "$root/tools/pulumi-language-hosts" && go mod download "$sdk" &&
    go list -m -f '{{.Dir}}' "$sdk")"
  install -m 0755 "$sdk_dir/python/cmd/pulumi-language-python-exec" "$bin/"
  say "pulumi-language-python-exec copied from sdk/v3 $HOSTS_SDK_VERSION"
fi

yaml=github.com/pulumi/pulumi-yaml
if built_from "$bin/pulumi-language-yaml" "$yaml" "$YAML_VERSION"; then
  say "pulumi-language-yaml $YAML_VERSION already built"
else
  say "building pulumi-language-yaml $YAML_VERSION from the Go module proxy (cold: about 3 minutes)"
  build pulumi-language-yaml pulumi-language-yaml "$yaml/cmd/pulumi-language-yaml" \
    "$yaml/pkg/version.Version" "$YAML_VERSION"
fi

# The dynamic provider plugin is a shell script inside @pulumi/pulumi; placed beside the CLI the
# engine finds it without warnings. It resolves @pulumi/pulumi from the program's directory.
plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
[[ -f "$plugin" ]] || { say "run 'npm ci' first: $plugin is missing"; exit 1; }
cp "$plugin" "$bin/pulumi-resource-pulumi-nodejs"
chmod +x "$bin/pulumi-resource-pulumi-nodejs"

say "ready: pulumi $(version_of "$bin/pulumi") with language hosts nodejs, python, yaml"
echo "$bin"
