#!/usr/bin/env bash
# Generates the comm100 SDKs (sdk/python, sdk/nodejs, sdk/go) from the provider's package schema.
#
#   scripts/gen-sdk.sh           write provider/plugin/schema.json from the code, then regenerate sdk/
#   scripts/gen-sdk.sh --check   regenerate both into a temporary folder and fail, naming the files,
#                                when the committed ones differ (npm run check:sdk)
#
# The generator is tools/sdk-gen (a Go program calling Pulumi's codegen; `pulumi package gen-sdk`
# does not work with the language hosts we can build). It is built into .tools/sdk-gen when missing
# or older than its sources: that needs Go and the Go module proxy the first time.
#
# The three SDK folders are replaced whole, so a file the schema no longer produces disappears (and
# so do build artefacts inside them, e.g. sdk/nodejs/node_modules). sdk/go.mod and sdk/go.sum (the
# Go SDK's module) are kept by hand: after a change of the Go SDK's imports, run `go mod tidy` in sdk/.
# Safe to re-run.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/.tools/sdk-gen"
tool_src="$root/tools/sdk-gen"
languages=(python nodejs go)
say() { echo "[gen-sdk] $*" >&2; }
now_ms() { date +%s%3N; }
since() { echo "$(( $(now_ms) - $1 )) ms"; }
cd "$root"

check=false
case "${1-}" in
  "") ;;
  --check) check=true ;;
  *)
    echo "usage: scripts/gen-sdk.sh [--check]" >&2
    exit 2
    ;;
esac

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
start=$(now_ms)

# 1. The generator, rebuilt when any of its sources is newer than the binary.
if [[ ! -x "$tool" ]] || [[ -n "$(find "$tool_src" -type f -newer "$tool" -print -quit)" ]]; then
  command -v go >/dev/null || { say "error: Go is needed to build tools/sdk-gen"; exit 1; }
  say "building tools/sdk-gen into .tools/sdk-gen"
  t=$(now_ms)
  mkdir -p "$(dirname "$tool")"
  (cd "$tool_src" && go build -buildvcs=false -o "$tool" .)
  say "built in $(since "$t")"
fi

# 2. The schema, from the code (provider/plugin/schema.ts).
t=$(now_ms)
if $check; then
  schema="$tmp/schema.json"
else
  schema="$root/provider/plugin/schema.json"
fi
npx tsx provider/plugin/writeSchema.ts "$schema"
say "wrote the schema ($(node -p 'require("./package.json").version')) in $(since "$t")"

# 3. The SDKs, into the temporary folder first so that a failure leaves sdk/ as it was.
t=$(now_ms)
"$tool" "$schema" "$tmp/sdk"
say "generated the SDKs in $(since "$t")"

if ! $check; then
  mkdir -p sdk
  for lang in "${languages[@]}"; do
    rm -rf "sdk/$lang"
    mv "$tmp/sdk/$lang" "sdk/$lang"
  done
  say "sdk/{python,nodejs,go} regenerated in $(since "$start")"
  exit 0
fi

# --check: the generated files against the committed ones (those git does not ignore, so build
# artefacts such as sdk/python/build/ do not count).
stale=()
cmp -s "$schema" provider/plugin/schema.json || stale+=("provider/plugin/schema.json")
generated="$(cd "$tmp" && find "${languages[@]/#/sdk/}" -type f | LC_ALL=C sort)"
committed="$(git ls-files --cached --others --exclude-standard -- "${languages[@]/#/sdk/}" \
  | LC_ALL=C sort -u)"
while IFS= read -r file; do
  [[ -z "$file" ]] && continue
  if [[ ! -f "$file" ]]; then
    stale+=("$file (missing)")
  elif ! cmp -s "$tmp/$file" "$file"; then
    stale+=("$file")
  fi
done <<<"$generated"
while IFS= read -r file; do
  [[ -n "$file" ]] && stale+=("$file (no longer generated)")
done < <(LC_ALL=C comm -13 <(echo "$generated") <(echo "$committed"))

if ((${#stale[@]})); then
  say "error: the committed SDKs or schema are stale (${#stale[@]} files):"
  printf '  %s\n' "${stale[@]}" >&2
  say "run \`npm run gen:sdk\` and commit the result"
  exit 1
fi
say "sdk/ and provider/plugin/schema.json are up to date (checked in $(since "$start"))"
