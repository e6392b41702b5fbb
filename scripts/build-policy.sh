#!/usr/bin/env bash
# Builds the policy pack as the package ships it: policy/*.ts compiled into dist/policy, beside
# its PulumiPolicy.yaml, package.json and run-pack (TypeScript under node_modules is not compiled
# by the Pulumi CLI, so the installed pack is JavaScript). Safe to re-run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rm -rf "$root/dist/policy"
npx tsc -p "$root/policy/tsconfig.build.json"
cp "$root/policy/PulumiPolicy.yaml" "$root/policy/package.json" "$root/policy/run-pack" \
  "$root/dist/policy/"
