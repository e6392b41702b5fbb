#!/usr/bin/env bash
# Builds the comm100 resource provider plugin: provider/plugin/schema.json from the code, then
# bin/pulumi-resource-comm100 (one file; runs with `node` on PATH) and
# bin/pulumi-resource-comm100-v<version>.tgz for `pulumi plugin install resource comm100 <version>
# --file <tgz>`. Safe to re-run. The last line of output is the bin folder.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/bin"
say() { echo "[build-plugin] $*" >&2; }
cd "$root"

version="$(node -p 'require("./package.json").version')"
start=$SECONDS
say "writing provider/plugin/schema.json (version $version)"
npx tsx provider/plugin/writeSchema.ts

say "bundling provider/plugin/main.ts into bin/pulumi-resource-comm100"
mkdir -p "$bin"
npx esbuild provider/plugin/main.ts --bundle --platform=node --target=node20 --log-level=warning \
  --banner:js='#!/usr/bin/env node' --outfile="$bin/pulumi-resource-comm100"
chmod +x "$bin/pulumi-resource-comm100"

archive="$bin/pulumi-resource-comm100-v$version.tgz"
tar -czf "$archive" -C "$bin" pulumi-resource-comm100
say "built in $((SECONDS - start)) s: $(du -h "$bin/pulumi-resource-comm100" | cut -f1) plugin, $(du -h "$archive" | cut -f1) archive"
echo "$bin"
