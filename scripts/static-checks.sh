#!/usr/bin/env bash
# `npm run check`: the type check, the linter and the format check at once (each keeps one core
# busy); fails when any of them fails, once all three have finished.
set -u
cd "$(dirname "${BASH_SOURCE[0]}")/.."
npm run --silent typecheck &
typecheck=$!
npm run --silent lint &
lint=$!
npm run --silent format:check &
format=$!
status=0
for check in "$typecheck" "$lint" "$format"; do wait "$check" || status=1; done
exit "$status"
