#!/usr/bin/env bash
# Builds pulumi-resource-comm100 as a self-contained executable that needs no Node.js: the plugin
# bundle (bin/pulumi-resource-comm100, from `npm run build:plugin`) injected into a Node.js binary
# as a single executable application (Node's SEA, with postject). The Node.js binaries come from
# the npm registry (scripts/fetch-node.sh), nothing from elsewhere.
#
#   scripts/build-plugin-executable.sh [<os>-<arch> ...]    default: linux-amd64 linux-arm64 windows-amd64
#
# Targets are named as the engine names them. Each executable is written to
# bin/executables/<os>-<arch>/pulumi-resource-comm100 (.exe on Windows). The last line of output is
# bin/executables. Safe to re-run.
#
# Node.js 24 (LTS, supported until April 2028) is embedded: its 24.21.0 is the newest release the
# npm registry serves for all three targets. The blob is built without code cache or snapshot, so
# one blob made on this machine runs on every target of the same Node.js version.
set -euo pipefail

NODE_VERSION="24.21.0"
# Node's fuse: the executable looks for an injected blob only when this sentinel is flipped.
SEA_FUSE="NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bin/executables"
say() { echo "[build-plugin-executable] $*" >&2; }
cd "$root"

targets=("$@")
((${#targets[@]})) || targets=(linux-amd64 linux-arm64 windows-amd64)

# The npm registry's node-<platform> package for a target, e.g. linux-amd64 -> linux-x64.
node_platform() {
  case "$1" in
    linux-amd64) echo linux-x64 ;;
    linux-arm64) echo linux-arm64 ;;
    windows-amd64) echo win-x64 ;;
    *)
      say "error: no Node.js binary for target $1 on the npm registry (targets: linux-amd64, linux-arm64, windows-amd64)"
      exit 2
      ;;
  esac
}
for target in "${targets[@]}"; do node_platform "$target" >/dev/null; done

bundle="$root/bin/pulumi-resource-comm100"
[[ -f "$bundle" ]] || { say "error: $bundle is missing: run \`npm run build:plugin\` first"; exit 1; }

# The blob, made by the same Node.js version as the targets' (a blob is tied to its version).
host_node="$(bash scripts/fetch-node.sh linux-x64 "$NODE_VERSION" | tail -n 1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sed '1{/^#!/d}' "$bundle" >"$work/plugin.cjs"
cat >"$work/sea-config.json" <<EOF
{ "main": "plugin.cjs", "output": "sea-prep.blob", "disableExperimentalSEAWarning": true,
  "useCodeCache": false, "useSnapshot": false }
EOF
(cd "$work" && "$host_node" --experimental-sea-config sea-config.json >/dev/null)
say "made the SEA blob with node $NODE_VERSION ($(du -h "$work/sea-prep.blob" | cut -f1))"

for target in "${targets[@]}"; do
  start=$SECONDS
  node_binary="$(bash scripts/fetch-node.sh "$(node_platform "$target")" "$NODE_VERSION" | tail -n 1)"
  executable="$out/$target/pulumi-resource-comm100"
  [[ "$target" == windows-* ]] && executable+=".exe"
  rm -rf "$out/$target"
  mkdir -p "$out/$target"
  cp "$node_binary" "$executable"
  chmod u+w "$executable"
  # postject prints a harmless warning about an ELF note it cannot size; errors still fail.
  npx --no-install postject "$executable" NODE_SEA_BLOB "$work/sea-prep.blob" \
    --sentinel-fuse "$SEA_FUSE" >/dev/null 2>"$work/postject.log" || {
    cat "$work/postject.log" >&2
    exit 1
  }
  chmod 0755 "$executable"
  say "$target: ${executable#"$root/"} ($(du -h "$executable" | cut -f1)) in $((SECONDS - start)) s"
done
echo "$out"
