#!/usr/bin/env bash
# Makes a Python environment for Pulumi Python programs: a venv in .tools/python (from the python3
# on PATH) with the PyPI `pulumi` package at the pinned version and this repository's Python SDK
# (sdk/python, `pulumi_comm100`). Safe to re-run: a venv that already has that pulumi version is
# kept (a broken one is made anew); the SDK is installed again whenever sdk/python changed.
# The Python language host that scripts/install-pulumi-cli.sh builds (sdk/v3 v3.68.0) ignores
# `runtime.options.virtualenv` in Pulumi.yaml and runs the `python` found on PATH, so put this
# venv's bin first on PATH before running pulumi:
#   export PATH="$(bash scripts/install-python-env.sh | tail -n 1):$PATH"
# The last line of output is the venv's bin directory.
set -euo pipefail

PULUMI_PY_VERSION="3.272.0" # PyPI `pulumi`, used with the Pulumi CLI v3.259.0
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.tools/python"
say() { echo "[install-python-env] $*" >&2; }
pulumi_version() {
  "$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("pulumi"))' 2>/dev/null || true
}

if [[ "$(pulumi_version)" == "$PULUMI_PY_VERSION" ]]; then
  say "pulumi $PULUMI_PY_VERSION already installed in $venv"
else
  command -v python3 >/dev/null 2>&1 || { say "python3 is required"; exit 1; }
  start=$SECONDS
  if ! "$venv/bin/python" -c '' 2>/dev/null; then
    say "creating a venv in $venv with $(python3 --version)"
    rm -rf "$venv"
    python3 -m venv "$venv"
  fi
  say "installing pulumi $PULUMI_PY_VERSION from PyPI"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "pulumi==$PULUMI_PY_VERSION"
  say "pulumi $PULUMI_PY_VERSION installed in $((SECONDS - start)) s"
fi

# The SDK is installed again only when sdk/python changed since it last was.
stamp="$venv/pulumi_comm100.sha256"
sdk_sum="$(cd "$root/sdk/python" && find . -type f -not -path './build/*' -not -path './*.egg-info/*' -not -name '*.pyc' |
  LC_ALL=C sort | xargs sha256sum | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$sdk_sum" ]]; then
  say "pulumi_comm100 from sdk/python already installed"
else
  say "installing pulumi_comm100 from sdk/python"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "$root/sdk/python"
  rm -rf "$root/sdk/python/build"
  echo "$sdk_sum" >"$stamp"
fi

echo "$venv/bin"
