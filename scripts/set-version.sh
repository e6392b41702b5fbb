#!/usr/bin/env bash
# Sets the version of everything a release ships, in one step: package.json (and its lock file),
# then the plugin's schema and the Python, Node.js and Go SDKs, generated from it
# (scripts/gen-sdk.sh), then checks that every file agrees (scripts/releaseVersions.ts).
#
#   npm run version:set -- <version>      e.g. npm run version:set -- 0.2.0
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { echo "[set-version] $*" >&2; }
cd "$root"

version="${1-}"
# Semantic versioning, as the engine reads a plugin's version: MAJOR.MINOR.PATCH[-prerelease].
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "usage: npm run version:set -- <version>   (MAJOR.MINOR.PATCH, e.g. 0.2.0; got \"$version\")" >&2
  exit 2
fi

say "package.json: $(node -p 'require("./package.json").version') -> $version"
npm version "$version" --no-git-tag-version --allow-same-version >/dev/null
say "regenerating the schema and the SDKs"
bash scripts/gen-sdk.sh
npx tsx scripts/releaseVersions.ts
say "every file states $version; commit, then \`npm run release\`"
